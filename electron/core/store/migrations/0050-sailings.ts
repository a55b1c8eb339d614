import type { Migration } from './index';

/**
 * A port's sailings, kept by the kiosk: label, route, scheduled departure, seats, and the state of
 * boarding (`boarding`, `closed`, `departed`; `closed_at` dates the last close, so a close made by
 * mistake can be undone for a few minutes). A scan made for a sailing names it (`sailing_id`), and
 * `boarded` says whether the person went on board (1) or was refused because the boat was full (0):
 * refused, they were still at the port, and the row is kept and uploaded as such. Scans of other
 * venues leave both null. The id is made by the kiosk (UUIDv7) and is the one the district sees.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'sailings',
  up: `
    CREATE TABLE sailings (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      route TEXT,
      departs_at TEXT NOT NULL,
      seats INTEGER NOT NULL CHECK (seats >= 1),
      state TEXT NOT NULL DEFAULT 'boarding' CHECK (state IN ('boarding', 'closed', 'departed')),
      created_at TEXT NOT NULL,
      closed_at TEXT
    );
    CREATE INDEX sailings_by_departure ON sailings (departs_at);
    ALTER TABLE scans ADD COLUMN sailing_id TEXT;
    ALTER TABLE scans ADD COLUMN boarded INTEGER CHECK (boarded IN (0, 1));
    CREATE INDEX scans_by_sailing ON scans (sailing_id, subject_key, seq) WHERE sailing_id IS NOT NULL;
  `,
};
