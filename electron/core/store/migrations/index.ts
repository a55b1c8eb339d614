import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-upload';
import { migration0030 } from './0030-declaration';
import { migration0040 } from './0040-voids';
import { migration0050 } from './0050-sailings';

/** One append-only schema step. Versions go up in steps of 10 and are never edited once shipped. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** Every migration in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
