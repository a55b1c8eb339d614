/** A PostgreSQL store's connection: its pool, the scan partitions known to exist, and transactions on it. */
import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** What every PostgreSQL query function takes first. */
export interface PostgresDb {
  readonly pool: pg.Pool;
  /**
   * Month partitions of `scans` this process made or saw, by their lower id bound (names differ: a
   * single server's `scans_p202612`, Citus's `scans_p2026_12`). Ingest makes the missing ones;
   * retention drops them.
   */
  readonly knownMonths: Set<string>;
  /** The database has Citus: the schema is distributed (`citusLayout.ts`) and a few queries differ. */
  readonly citus: boolean;
}

/** A pool whose instants are ISO strings and whose bigints are numbers. */
export function createPool(connectionString: string): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: 8,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === TIMESTAMPTZ_OID) return (value: string) => new Date(value).toISOString();
        if (oid === INT8_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
}

/** Runs `work` on one client in one transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(db: PostgresDb, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
