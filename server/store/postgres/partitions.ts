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

/** The first instant after the month a partition name covers, epoch ms; null for other names. */
export function partitionEndMs(name: string): number | null {
  const match = /^scans_p(\d{4})(\d{2})$/.exec(name);
  return match ? Date.UTC(Number(match[1]), Number(match[2]), 1) : null;
}
