/**
 * Fills a district database with synthetic scans by SQL set operations (a recursive CTE on SQLite,
 * generate_series on PostgreSQL), not through ingest: 10,000,000 scans take minutes this way
 * instead of most of an hour. The shape, on both engines alike:
 *
 * - 500 venues of the seven types, one device each; 14 days from 2026-11-10 (UTC);
 * - visits in time order, each an entry and an exit 20-116 minutes later; one visit in ten has no
 *   exit, one in twenty no entry (the default-stay and entry-assumed rules get their share);
 * - `scans / 40` people with exactly 20 visits each, spread over the 14 days
 *   (person = visit x 7919 mod people, a permutation since 7919 is prime to the count), at venues
 *   chosen by a multiplicative hash of the visit.
 *
 * The ID number of person `p` is `p` in 12 digits (`personIdNumber`).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { DistrictStore } from '../server/store/DistrictStore';
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../server/domain/districtDay';
import { ensureMonths, hasCitus } from '../server/store/postgres/citusLayout';
import { monthPartition, scanPartitions } from '../server/store/postgres/partitions';
import { venueDaysBuildSql } from '../server/store/dayCountsSql';
import { PRESENCE_COLUMNS, presenceRebuildSelect } from '../server/store/presenceSql';

export const FILL_START_MS = Date.parse('2026-11-10T00:00:00Z');
export const FILL_SPAN_MS = 14 * 86_400_000;
export const FILL_VENUES = 500;
const TYPES = ['port', 'hotel', 'school', 'office', 'shop', 'transport', 'other'] as const;

export const peopleFor = (scans: number): number => Math.max(50, Math.floor(scans / 40));
export const personIdNumber = (person: number): string => String(person).padStart(12, '0');

/** The 500 venues and their devices, through the store (as enrollment makes them). */
export async function createFillVenues(store: DistrictStore): Promise<void> {
  const now = '2026-11-09T00:00:00.000Z';
  for (let v = 0; v < FILL_VENUES; v += 1) {
    const id = uuidv7();
    await store.createEnrollment({
      venue: { id, name: `Venue ${String(v).padStart(3, '0')}`, type: TYPES[v % TYPES.length], address: null },
      codeHash: `fill-${v}`,
      createdAt: now,
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    await store.redeemEnrollment(`fill-${v}`, now, {
      id: uuidv7(),
      name: `d${v}`,
      tokenHash: `fill-token-${v}`,
      appVersion: null,
    });
  }
}

/**
 * The visit expressions, shared by both engines' SQL (`v` the visit number, `V` the visit count,
 * `P` the people): entry time, stay, person, venue number.
 */
function visitExpressions(visits: number, people: number, spanMs: number) {
  const step = spanMs / visits;
  return {
    at: `(${FILL_START_MS} + CAST(v * ${step} AS BIGINT))`,
    stay: `((20 + v % 97) * 60000)`,
    person: `((v * 7919) % ${people})`,
    venue: `(((v * 2654435761) / 128) % ${FILL_VENUES})`,
    // k = 0 the entry, k = 1 the exit; one visit in ten has no exit, one in twenty no entry.
    keep: `((k = 0 AND v % 20 <> 1) OR (k = 1 AND v % 10 <> 0))`,
  };
}

/** Scans [fromVisit, toVisit) of a fill of `visits` visits into a SQLite district file. */
export function fillSqlite(file: string, visits: number, people: number, fromVisit: number, toVisit: number): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    const e = visitExpressions(visits, people, FILL_SPAN_MS);
    db.exec(`CREATE TEMP TABLE fill_venues AS
      SELECT ROW_NUMBER() OVER (ORDER BY v.name) - 1 AS n, v.id AS venue_id, d.id AS device_id FROM venues v JOIN devices d ON d.venue_id = v.id WHERE v.name LIKE 'Venue %'`);
    db.exec(`CREATE TEMP TABLE fill_k (k INTEGER); INSERT INTO fill_k VALUES (0), (1)`);
    const insert = db.prepare(`
      WITH RECURSIVE vs(v) AS (SELECT ? UNION ALL SELECT v + 1 FROM vs WHERE v + 1 < ?),
      rows AS (
        SELECT v, k, ${e.at} + k * ${e.stay} AS t, ${e.person} AS p, ${e.venue} AS vn FROM vs CROSS JOIN fill_k WHERE ${e.keep}
      )
      INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
        source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label)
      SELECT printf('%08x-%04x-7%03x-%04x-%012x', t / 65536, t % 65536, (v / 281474976710656) % 4096, 32768 + k, v % 281474976710656),
        f.venue_id, f.device_id, v * 2 + k, t, t, t, 420, date((t + 25200000) / 1000, 'unixepoch'), CASE k WHEN 0 THEN 'in' ELSE 'out' END,
        'wedge', 'cccd', 'recorded', NULL, '', printf('%012d', p), 'Nguyễn Văn ' || p, '1988', NULL, NULL, NULL, NULL
      FROM rows JOIN fill_venues f ON f.n = rows.vn`);
    const chunk = 500_000;
    for (let from = fromVisit; from < toVisit; from += chunk)
      db.transaction(() => insert.run(from, Math.min(toVisit, from + chunk)))();
  } finally {
    db.close();
  }
}

/** The same fill on PostgreSQL (its monthly partitions made first), over `spanMs` from the start (14 days unless given). */
export async function fillPostgres(
  url: string,
  visits: number,
  people: number,
  fromVisit: number,
  toVisit: number,
  spanMs = FILL_SPAN_MS,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The months the fill spans, made as the server makes them (Citus: its own function, which skips those made).
    const citus = await hasCitus(client);
    const made = new Set((await scanPartitions(client)).map((partition) => partition.from));
    if (citus) {
      await client.query('BEGIN');
      await ensureMonths(client, FILL_START_MS, FILL_START_MS + spanMs + 31 * 86_400_000);
      await client.query('COMMIT');
    } else
      for (let ms = FILL_START_MS; ms < FILL_START_MS + spanMs + 31 * 86_400_000; ms += 28 * 86_400_000) {
        const p = monthPartition(ms);
        if (made.has(p.from)) continue;
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${p.name} PARTITION OF scans FOR VALUES FROM ('${p.from}') TO ('${p.to}')`,
        );
      }
    const e = visitExpressions(visits, people, spanMs);
    await client.query(`CREATE TEMP TABLE fill_venues AS
      SELECT (ROW_NUMBER() OVER (ORDER BY v.name) - 1)::bigint AS n, v.id AS venue_id, d.id AS device_id FROM venues v JOIN devices d ON d.venue_id = v.id WHERE v.name LIKE 'Venue %'`);
    const chunk = 1_000_000;
    for (let from = fromVisit; from < toVisit; from += chunk) {
      await client.query(
        `
        WITH rows AS (
          SELECT v, k, ${e.at} + k * ${e.stay} AS t, ${e.person} AS p, ${e.venue} AS vn
          FROM generate_series($1::bigint, $2::bigint - 1) AS v CROSS JOIN (VALUES (0), (1)) AS ks(k) WHERE ${e.keep}
        )
        INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
          source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label)
        SELECT (lpad(to_hex(t), 12, '0') || '7' || lpad(to_hex((v / 281474976710656) % 4096), 3, '0') || to_hex(32768 + k) || lpad(to_hex(v % 281474976710656), 12, '0'))::uuid,
          f.venue_id, f.device_id, v * 2 + k, to_timestamp(t / 1000.0), to_timestamp(t / 1000.0), to_timestamp(t / 1000.0), 420,
          to_char(to_timestamp((t + 25200000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), CASE k WHEN 0 THEN 'in' ELSE 'out' END,
          'wedge', 'cccd', 'recorded', NULL, '', lpad(p::text, 12, '0'), 'Nguyễn Văn ' || p, '1988', NULL, NULL, NULL, NULL
        FROM rows JOIN fill_venues f ON f.n = rows.vn`,
        [from, Math.min(toVisit, from + chunk)],
      );
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** Pairs every scan of a filled SQLite file into presence intervals by the migrations' SQL (the fill bypasses ingest). */
export function buildPresenceSqlite(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('cache_size = -1000000');
    db.exec(`DELETE FROM presence; INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', 'TRUE', false, String(DEFAULT_DISTRICT_OFFSET_MIN))};
      DELETE FROM venue_days; ${venueDaysBuildSql('sqlite')}; ANALYZE;`);
  } finally {
    db.close();
  }
}

/**
 * The same on PostgreSQL, then VACUUM ANALYZE (as autovacuum would after a bulk load). `parts` > 1
 * builds it a share of the venues at a time: each part sorts a share of the scans, so the sort's
 * temporary files stay a share of the table (at 100,000,000 scans one sort would need ~12 GB of
 * temporary space beside the 50 GB database).
 */
export async function buildPresencePostgres(url: string, parts = 1): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET work_mem = '256MB'`);
    const citus = await hasCitus(client);
    await client.query('TRUNCATE presence');
    for (let part = 0; part < parts; part += 1) {
      const share = parts === 1 ? 'TRUE' : `(hashtext(s.venue_id::text) & 2147483647) % ${parts} = ${part}`;
      const columns = PRESENCE_COLUMNS.join(', ');
      const pairing = presenceRebuildSelect('postgres', share, false, String(DEFAULT_DISTRICT_OFFSET_MIN));
      // On Citus as the server does it (`presenceWrites.ts`): a materialized pairing, then the insert.
      await client.query(
        citus
          ? `WITH paired AS MATERIALIZED (${pairing}) INSERT INTO presence (${columns}) SELECT ${columns} FROM paired`
          : `INSERT INTO presence (${columns}) ${pairing}`,
      );
    }
    await client.query('TRUNCATE venue_days');
    await client.query(venueDaysBuildSql('postgres'));
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}
