/**
 * Brings a PostgreSQL district database to the newest schema in one transaction, under an advisory
 * lock (several server processes may start at once), and on Citus lays it out distributed. The
 * `schema_version` table records where it is.
 */
import type pg from 'pg';
import { applyCitusLayout, hasCitus } from './citusLayout';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations/index';

const MIGRATION_LOCK = 727001;

export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<{ readonly citus: boolean }> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query('SELECT max(version) AS version FROM schema_version');
    const current = Number(rows[0].version ?? 0);
    if (current > latest) {
      throw new Error(
        `server.store: the database has schema version ${current}, newer than this server knows (${latest}); run the newer server or restore a backup`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      if (typeof migration.up === 'string') await client.query(migration.up);
      else await migration.up(client);
    }
    if (latest > current) {
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [latest]);
    }
    // On a Citus coordinator the schema is then distributed where it is not yet (also a database
    // migrated on one server and restored here).
    const citus = await hasCitus(client);
    if (citus) await applyCitusLayout(client);
    await client.query('COMMIT');
    return { citus };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
