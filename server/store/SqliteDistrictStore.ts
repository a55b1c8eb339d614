/**
 * The district store on SQLite (better-sqlite3, WAL, synchronous=FULL): the spread of its topic
 * modules (`sqlite/*Queries.ts`) bound to one connection, and the ingest transaction. Scan times
 * are stored as epoch ms, so they compare as instants.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bindQueries } from './bindQueries';
import type { DistrictStore, TopicQueries } from './DistrictStore';
import * as accountQueries from './sqlite/accountQueries';
import * as activityQueries from './sqlite/activityQueries';
import * as auditQueries from './sqlite/auditQueries';
import * as communeQueries from './sqlite/communeQueries';
import * as deviceQueries from './sqlite/deviceQueries';
import * as importQueries from './sqlite/importQueries';
import { sqliteIngestSteps } from './sqlite/ingestSteps';
import { migrateSqlite } from './sqlite/migrate';
import * as presenceQueries from './sqlite/presenceQueries';
import * as scanQueries from './sqlite/scanQueries';
import * as settingQueries from './sqlite/settingQueries';
import * as venueQueries from './sqlite/venueQueries';
import { runFlowAtOnce, type IngestFlow, type IngestSteps } from './topics/ingestTopic';

/**
 * The data folder 0700 and the database file 0600: they hold ID numbers and names. SQLite gives its
 * -wal and -shm files the database file's mode. Only the server's own folder is tightened: one it
 * made now, or one holding nothing but this database's files. A folder shared with other files
 * (`--data /tmp` or `/var/lib` by mistake, as root) keeps its mode, or the server would lock every
 * other user and service out of it; the file is 0600 there all the same. A folder this user does
 * not own keeps its mode. Answers whether the folder was left as it was for being shared.
 */
function keepPrivate(file: string): boolean {
  const dir = path.dirname(file);
  const made = mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
  // A dedicated volume's lost+found is no one else's file, nor the server's own key file
  // (`server/districtKeyFile.ts`, 0600 itself).
  const own = (name: string) =>
    name === path.basename(file) ||
    name.startsWith(`${path.basename(file)}-`) ||
    name === 'lost+found' ||
    name.startsWith('district-keys.json');
  let shared: boolean;
  try {
    shared = !made && readdirSync(dir).some((name) => !own(name));
  } catch (error) {
    // A folder this user may enter but not list is someone else's to keep as it is.
    if ((error as { code?: string }).code !== 'EACCES') throw error;
    shared = true;
  }
  if (!shared) {
    try {
      chmodSync(dir, 0o700);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EPERM') throw error;
    }
  }
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  return shared;
}

/** Every topic's queries on one SQLite connection. */
function topicsOn(db: Database.Database): TopicQueries {
  return {
    ...bindQueries(db, venueQueries),
    ...bindQueries(db, deviceQueries),
    ...bindQueries(db, scanQueries),
    ...bindQueries(db, presenceQueries),
    ...bindQueries(db, activityQueries),
    ...bindQueries(db, accountQueries),
    ...bindQueries(db, auditQueries),
    ...bindQueries(db, settingQueries),
    ...bindQueries(db, communeQueries),
    ...bindQueries(db, importQueries),
  };
}

// The class carries the topics' methods, assigned in its constructor from the query modules: this
// merged declaration is where the type learns of them (TypeScript's mixin pattern).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface SqliteDistrictStore extends TopicQueries {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SqliteDistrictStore implements DistrictStore {
  private readonly db: Database.Database;
  private readonly steps: IngestSteps;
  /** True when the database's folder holds other files too, so its mode was left as it was (the server warns). */
  readonly folderShared: boolean;

  constructor(file: string) {
    this.folderShared = keepPrivate(file);
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      migrateSqlite(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.steps = sqliteIngestSteps(this.db);
    Object.assign(this, topicsOn(this.db));
  }

  async runIngest<T>(flow: (steps: IngestSteps) => IngestFlow<T>): Promise<T> {
    return this.db.transaction(() => runFlowAtOnce(flow(this.steps)))();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
