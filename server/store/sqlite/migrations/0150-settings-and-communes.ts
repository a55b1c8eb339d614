import { planCommuneFold } from '../../communeFold';
import type { SqliteMigration } from './index';

/**
 * The district's settings (the address kiosks reach, given on the first-run page); when a lookup's
 * shown result was exported or printed, on its own trace audit row; the district's list of communes,
 * folded from the venues' free-text communes ("xã An Vĩnh" and "Xã An Vĩnh" become one commune, its
 * venues all carry the kept spelling).
 */
export const migration0150: SqliteMigration = {
  version: 150,
  name: 'settings-and-communes',
  up: (db) => {
    db.exec(`
      CREATE TABLE district_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE trace_audit ADD COLUMN exported_at INTEGER;
      ALTER TABLE trace_audit ADD COLUMN printed_at INTEGER;
      CREATE TABLE communes (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
    `);
    const spellings = db
      .prepare('SELECT area AS name, count(*) AS venues FROM venues WHERE area IS NOT NULL GROUP BY area')
      .all() as { name: string; venues: number }[];
    const plan = planCommuneFold(spellings, new Date().toISOString());
    const insert = db.prepare('INSERT INTO communes (id, name, name_key, created_at) VALUES (?, ?, ?, ?)');
    for (const c of plan.communes) insert.run(c.id, c.name, c.nameKey, c.createdAt);
    const rename = db.prepare('UPDATE venues SET area = ? WHERE area = ?');
    for (const [from, to] of plan.renames) rename.run(to, from);
  },
};
