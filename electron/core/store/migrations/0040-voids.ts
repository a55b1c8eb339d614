import type { Migration } from './index';

/**
 * Corrections: a row whose `voids` holds another scan's id voids that scan (counter staff undid it
 * or flipped its direction). Nothing is deleted; counts, lists and exports leave voided scans out.
 * The partial index serves the "is this scan voided" lookups every list makes.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'voids',
  up: `ALTER TABLE scans ADD COLUMN voids TEXT;
CREATE INDEX scans_voids ON scans (voids) WHERE voids IS NOT NULL;`,
};
