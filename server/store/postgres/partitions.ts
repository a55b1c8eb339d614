/** Monthly partitions of the scans table, bounded by UUIDv7 ids (whose first 48 bits are epoch ms). */

/** The smallest UUID whose v7 timestamp is `ms`. */
export function uuidAtMillis(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The v7 timestamp of a UUID, ms (its first 48 bits: the first group and the second). */
export function uuidMillis(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export interface MonthPartition {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** Month partition holding `ms`: its name and id bounds (UTC months). */
export function monthPartition(ms: number): MonthPartition {
  const date = new Date(ms);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  const name = `scans_p${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, from: uuidAtMillis(start), to: uuidAtMillis(end) };
}

/** A partition of the scans table as the catalog has it: any name (a single server's or Citus's), its id bounds. */
export interface StoredPartition extends MonthPartition {
  /** Epoch ms of its bounds. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** The scans table's partitions with their bounds, read from the catalog. */
export async function scanPartitions(client: Queryable): Promise<StoredPartition[]> {
  const { rows } = await client.query(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'scans'::regclass`,
  );
  const partitions: StoredPartition[] = [];
  for (const { name, bound } of rows as { name: string; bound: string }[]) {
    const match = /FROM \('([0-9a-f-]{36})'\) TO \('([0-9a-f-]{36})'\)/.exec(bound);
    if (!match) continue;
    partitions.push({ name, from: match[1], to: match[2], fromMs: uuidMillis(match[1]), toMs: uuidMillis(match[2]) });
  }
  return partitions.sort((a, b) => a.fromMs - b.fromMs);
}

interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}
