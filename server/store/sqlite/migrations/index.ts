import type Database from 'better-sqlite3';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-instants';
import { migration0030 } from './0030-trace-audit';
import { migration0040 } from './0040-accounts';
import { migration0050 } from './0050-venue-areas';
import { migration0070 } from './0070-presence';
import { migration0100 } from './0100-voids';
import { migration0110 } from './0110-lean-scan-indexes';
import { migration0120 } from './0120-venue-days';
import { migration0130 } from './0130-presence-district-day';
import { migration0140 } from './0140-carry-unsent-scans';
import { migration0150 } from './0150-settings-and-communes';
import { migration0160 } from './0160-sailings';
import { migration0170 } from './0170-device-keys-and-imports';
import { migration0180 } from './0180-devices-awaiting-token';

/**
 * One append-only schema step of the SQLite district store. Versions go up in steps of 10 and are
 * never edited once shipped; `up` is SQL, or a function for steps SQL alone cannot do.
 */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string | ((db: Database.Database) => void);
}

/** Every migration in order. Append only. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0070,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
];
