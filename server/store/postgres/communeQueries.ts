/** The district's communes on PostgreSQL (`topics/communeTopic.ts`). */
import type { CommuneRecord, MergeResult, NewCommune, RenameResult } from '../topics/communeTopic';
import { inTransaction, type PostgresDb } from './connection';

export async function listCommunes(db: PostgresDb): Promise<CommuneRecord[]> {
  const { rows } = await db.pool.query(
    `SELECT c.id, c.name,
       (SELECT count(*) FROM venues v WHERE v.area = c.name AND v.retired_at IS NULL) AS venues
     FROM communes c`,
  );
  return rows.map((row: { id: string; name: string; venues: number | string }) => ({
    id: row.id,
    name: row.name,
    venues: Number(row.venues),
  }));
}

export async function addCommune(db: PostgresDb, commune: NewCommune): Promise<boolean> {
  const result = await db.pool.query(
    'INSERT INTO communes (id, name, name_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name_key) DO NOTHING',
    [commune.id, commune.name, commune.nameKey, commune.createdAt],
  );
  return result.rowCount === 1;
}

export async function renameCommune(db: PostgresDb, id: string, name: string, nameKey: string): Promise<RenameResult> {
  return inTransaction(db, async (client): Promise<RenameResult> => {
    const before = await client.query('SELECT name FROM communes WHERE id = $1 FOR UPDATE', [id]);
    if (before.rows.length === 0) return 'missing';
    const taken = await client.query('SELECT 1 FROM communes WHERE name_key = $1 AND id <> $2', [nameKey, id]);
    if (taken.rows.length > 0) return 'taken';
    await client.query('UPDATE communes SET name = $1, name_key = $2 WHERE id = $3', [name, nameKey, id]);
    await client.query('UPDATE venues SET area = $1 WHERE area = $2', [name, before.rows[0].name]);
    return 'renamed';
  });
}

export async function mergeCommune(db: PostgresDb, fromId: string, intoId: string): Promise<MergeResult> {
  if (fromId === intoId) return { status: 'same' };
  return inTransaction(db, async (client): Promise<MergeResult> => {
    const { rows } = await client.query('SELECT id, name FROM communes WHERE id = ANY($1) FOR UPDATE', [
      [fromId, intoId],
    ]);
    const from = rows.find((row: { id: string }) => row.id === fromId);
    const into = rows.find((row: { id: string }) => row.id === intoId);
    if (!from || !into) return { status: 'missing' };
    const moved = await client.query('UPDATE venues SET area = $1 WHERE area = $2', [into.name, from.name]);
    await client.query('DELETE FROM communes WHERE id = $1', [fromId]);
    return { status: 'merged', movedVenues: moved.rowCount ?? 0 };
  });
}
