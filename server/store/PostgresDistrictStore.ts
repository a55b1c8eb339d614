/**
 * The district store on PostgreSQL: the spread of its topic modules (`postgres/*Queries.ts`) bound
 * to one pool, and the ingest transaction. The scans table is partitioned by month on its UUIDv7 id
 * (the id begins with its millisecond timestamp), so the primary key is the id alone, ingest stays
 * idempotent by id across partitions, and retention drops whole partitions.
 */
import type pg from 'pg';
import { bindQueries } from './bindQueries';
import type { DistrictStore, TopicQueries } from './DistrictStore';
import * as accountQueries from './postgres/accountQueries';
import * as activityQueries from './postgres/activityQueries';
import * as auditQueries from './postgres/auditQueries';
import * as communeQueries from './postgres/communeQueries';
import { createPool, inTransaction, type PostgresDb } from './postgres/connection';
import * as deviceQueries from './postgres/deviceQueries';
import * as importQueries from './postgres/importQueries';
import { postgresIngestSteps } from './postgres/ingestSteps';
import { migratePostgres } from './postgres/migrate';
import { POSTGRES_MIGRATIONS } from './postgres/migrations/index';
import { scanPartitions } from './postgres/partitions';
import * as presenceQueries from './postgres/presenceQueries';
import * as scanQueries from './postgres/scanQueries';
import * as settingQueries from './postgres/settingQueries';
import * as venueQueries from './postgres/venueQueries';
import { runFlow, type IngestFlow, type IngestSteps } from './topics/ingestTopic';

/** Every topic's queries on one PostgreSQL connection. */
function topicsOn(db: PostgresDb): TopicQueries {
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
export interface PostgresDistrictStore extends TopicQueries {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PostgresDistrictStore implements DistrictStore {
  private readonly db: PostgresDb;

  private constructor(pool: pg.Pool, citus: boolean, months: readonly string[]) {
    this.db = { pool, citus, knownMonths: new Set(months) };
    Object.assign(this, topicsOn(this.db));
  }

  /** Whether the database is a Citus coordinator's (the schema distributed by venue). */
  get citus(): boolean {
    return this.db.citus;
  }

  /** Connects and creates the schema if the database is empty. */
  static async connect(connectionString: string): Promise<PostgresDistrictStore> {
    const pool = createPool(connectionString);
    try {
      const client = await pool.connect();
      try {
        const { citus } = await migratePostgres(client);
        const months = (await scanPartitions(client)).map((partition) => partition.from);
        return new PostgresDistrictStore(pool, citus, months);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /**
   * Connects to a read replica (a hot standby) for reads only: traces and statistics, off the
   * primary. Nothing is migrated; a replica whose schema is not this server's is refused. Writes
   * fail there (PostgreSQL refuses them on a standby).
   */
  static async connectReplica(connectionString: string): Promise<PostgresDistrictStore> {
    const pool = createPool(connectionString);
    try {
      const { rows } = await pool.query('SELECT max(version) AS version FROM schema_version');
      const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1].version;
      if (Number(rows[0].version) !== latest)
        throw new Error(
          `server.store: the replica has schema version ${rows[0].version}, this server needs ${latest}; wait for the primary's migration to reach it`,
        );
      const citus = (await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).rows.length > 0;
      return new PostgresDistrictStore(pool, citus, []);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async runIngest<T>(flow: (steps: IngestSteps) => IngestFlow<T>): Promise<T> {
    const afterCommit: (() => Promise<void>)[] = [];
    const result = await inTransaction(this.db, (client) =>
      runFlow(flow(postgresIngestSteps(this.db, client, (work) => afterCommit.push(work)))),
    );
    // The batch is stored: a report that fails now (statistics only, rewritten by the next batch)
    // must not turn its answer into an error.
    for (const work of afterCommit) await work().catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.db.pool.end();
  }
}
