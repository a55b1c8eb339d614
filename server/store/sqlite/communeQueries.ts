/** The district's communes on SQLite (`topics/communeTopic.ts`). */
import type { CommuneRecord, MergeResult, NewCommune, RenameResult } from '../topics/communeTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

interface CommuneRow {
  id: string;
  name: string;
}

export function listCommunes(db: SqliteDatabase): CommuneRecord[] {
  return (
    prepared(
      db,
      `SELECT c.id, c.name,
         (SELECT count(*) FROM venues v WHERE v.area = c.name AND v.retired_at IS NULL) AS venues
       FROM communes c`,
    ).all() as { id: string; name: string; venues: number }[]
  ).map((row) => ({ id: row.id, name: row.name, venues: Number(row.venues) }));
}

export function addCommune(db: SqliteDatabase, commune: NewCommune): boolean {
  return (
    prepared(
      db,
      'INSERT INTO communes (id, name, name_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING',
    ).run(commune.id, commune.name, commune.nameKey, commune.createdAt).changes === 1
  );
}

export function renameCommune(db: SqliteDatabase, id: string, name: string, nameKey: string): RenameResult {
  return db.transaction((): RenameResult => {
    const before = prepared(db, 'SELECT id, name FROM communes WHERE id = ?').get(id) as CommuneRow | undefined;
    if (!before) return 'missing';
    if (prepared(db, 'SELECT 1 FROM communes WHERE name_key = ? AND id <> ?').get(nameKey, id)) return 'taken';
    prepared(db, 'UPDATE communes SET name = ?, name_key = ? WHERE id = ?').run(name, nameKey, id);
    prepared(db, 'UPDATE venues SET area = ? WHERE area = ?').run(name, before.name);
    return 'renamed';
  })();
}

export function mergeCommune(db: SqliteDatabase, fromId: string, intoId: string): MergeResult {
  return db.transaction((): MergeResult => {
    if (fromId === intoId) return { status: 'same' };
    const byId = prepared(db, 'SELECT id, name FROM communes WHERE id = ?');
    const from = byId.get(fromId) as CommuneRow | undefined;
    const into = byId.get(intoId) as CommuneRow | undefined;
    if (!from || !into) return { status: 'missing' };
    const moved = prepared(db, 'UPDATE venues SET area = ? WHERE area = ?').run(into.name, from.name).changes;
    prepared(db, 'DELETE FROM communes WHERE id = ?').run(fromId);
    return { status: 'merged', movedVenues: moved };
  })();
}
