import type pg from 'pg';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-trace-audit';
import { migration0030 } from './0030-accounts';
import { migration0040 } from './0040-venue-areas';
import { migration0060 } from './0060-presence';
import { migration0090 } from './0090-voids';
import { migration0100 } from './0100-lean-scan-indexes';
import { migration0110 } from './0110-venue-days';
import { migration0120 } from './0120-presence-district-day';
import { migration0130 } from './0130-carry-unsent-scans';
import { migration0140 } from './0140-settings-and-communes';
import { migration0160 } from './0160-claims-by-venue';
import { migration0170 } from './0170-sailings';
import { migration0180 } from './0180-device-keys-and-imports';
import { migration0190 } from './0190-devices-awaiting-token';

/**
 * One append-only schema step of the PostgreSQL district store. Versions go up in steps of 10; `up`
 * is SQL, or a function (on the migration's client, inside its transaction) for steps SQL alone
 * cannot do.
 */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string | ((client: pg.ClientBase) => Promise<void>);
}

/** Every migration in order. Append only. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0060,
  migration0090,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0160,
  migration0170,
  migration0180,
  migration0190,
];
