/**
 * Statements of the SQLite store, prepared once per connection (after migrations): preparing SQL
 * costs as much as a small query, and ingest runs the same few statements for every scan.
 */
import type Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

const cache = new WeakMap<SqliteDatabase, Map<string, Database.Statement>>();

/** The statement for `sql` on `db`, prepared once. */
export function prepared(db: SqliteDatabase, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
