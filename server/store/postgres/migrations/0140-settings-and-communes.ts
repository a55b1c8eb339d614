import { planCommuneFold } from '../../communeFold';
import type { PostgresMigration } from './index';

/**
 * The district's settings (the address kiosks reach, given on the first-run page); when a lookup's
 * shown result was exported or printed, on its own trace audit row; the district's list of communes,
 * folded from the venues' free-text communes ("xã An Vĩnh" and "Xã An Vĩnh" become one commune, its
 * venues all carry the kept spelling). Folding needs the domain's rules (Unicode, Vietnamese case),
 * so this step is a function.
 */
export const migration0140: PostgresMigration = {
  version: 140,
  name: 'settings-and-communes',
  up: async (client) => {
    await client.query(`
      CREATE TABLE district_settings (key text PRIMARY KEY, value text NOT NULL);
      ALTER TABLE trace_audit ADD COLUMN exported_at timestamptz, ADD COLUMN printed_at timestamptz;
      CREATE TABLE communes (id text PRIMARY KEY, name text NOT NULL, name_key text NOT NULL UNIQUE, created_at timestamptz NOT NULL);
    `);
    const { rows } = await client.query(
      'SELECT area AS name, count(*) AS venues FROM venues WHERE area IS NOT NULL GROUP BY area',
    );
    const plan = planCommuneFold(
      rows.map((row: { name: string; venues: string | number }) => ({ name: row.name, venues: Number(row.venues) })),
      new Date().toISOString(),
    );
    for (const c of plan.communes)
      await client.query('INSERT INTO communes (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)', [
        c.id,
        c.name,
        c.nameKey,
        c.createdAt,
      ]);
    for (const [from, to] of plan.renames)
      await client.query('UPDATE venues SET area = $1 WHERE area = $2', [to, from]);
  },
};
