/**
 * A district that outgrew one server (issue 22): its PostgreSQL database, dumped and restored onto a
 * Citus coordinator, is distributed in place by the server's own start (the same migrations and
 * layout), the rows moved into shards on both workers, and every trace answers as it did before.
 * Skipped where Citus is not installed (the run says so once).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { DistrictServer } from '../../../server/DistrictServer';
import { ingestScans } from '../../../server/ingest/ingestScans';
import { postgresBin } from '../../../server/localCluster';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../../server/store/DistrictStore';
import { PostgresDistrictStore } from '../../../server/store/PostgresDistrictStore';
import { uploadedScan } from '../../support/districtSamples';
import { citusAvailable, createCitusTestDatabase, createTestDatabase } from '../../support/postgresDatabase';

const NOW = '2026-11-25T12:00:00.000Z';
const report = { receivedAt: NOW, sentAt: NOW, clockOffsetMs: 0, pendingCount: 0, appVersion: '0.1.0' };
const idOf = (n: number) => `0510900${String(10_000 + n).slice(-5)}`;

/** Twelve venues over two months, forty people visiting them in turns, each visit an entry and an exit. */
async function fill(store: DistrictStore): Promise<void> {
  const devices: DeviceRecord[] = [];
  for (let v = 0; v < 12; v++) {
    const venueId = uuidv7();
    await store.createEnrollment({
      venue: { id: venueId, name: `Địa điểm ${v + 1}`, type: v % 3 === 0 ? 'port' : 'shop', address: null },
      codeHash: `code-${v}`,
      createdAt: '2026-10-01T00:00:00.000Z',
      expiresAt: '2026-12-31T00:00:00.000Z',
    });
    await store.redeemEnrollment(`code-${v}`, '2026-10-01T00:00:00.000Z', {
      id: uuidv7(),
      name: `Quầy ${v + 1}`,
      tokenHash: `token-${v}`,
      appVersion: '0.1.0',
    });
    devices.push((await store.findDeviceByTokenHash(`token-${v}`)) as DeviceRecord);
  }
  for (const [v, device] of devices.entries()) {
    const scans: StoredScan[] = [];
    for (let day = 0; day < 40; day += 3) {
      for (let p = v % 4; p < 40; p += 4) {
        const entry = Date.parse('2026-10-20T01:00:00.000Z') + day * 86_400_000 + ((p * 7 + v * 11) % 600) * 60_000;
        for (const [at, direction] of [
          [entry, 'in'],
          [entry + 35 * 60_000, 'out'],
        ] as const) {
          const iso = new Date(at).toISOString();
          scans.push({
            ...uploadedScan(iso, { idNumber: idOf(p), fullName: `Khách ${p}`, direction, seq: scans.length + 1 }),
            venueId: device.venueId,
            deviceId: device.id,
            receivedAt: NOW,
            correctedAt: iso,
            localDay: new Date(at + 420 * 60_000).toISOString().slice(0, 10),
          });
        }
      }
    }
    await ingestScans(store, device, scans, report);
  }
}

const traceAll = async (store: DistrictStore) => {
  const district = new DistrictServer({ store });
  const answers = [];
  for (let p = 0; p < 40; p += 3)
    answers.push(await district.trace(idOf(p), '2026-10-15T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 15));
  return answers;
};

describe.skipIf(!citusAvailable())('a single server’s database restored onto a Citus coordinator', () => {
  it('is distributed in place at the server’s start, and every trace answers as before', async () => {
    const singleUrl = await createTestDatabase();
    const single = await PostgresDistrictStore.connect(singleUrl);
    await fill(single);
    const before = await traceAll(single);
    expect(before.reduce((n, trace) => n + trace.contacts.length, 0)).toBeGreaterThan(100);
    const scanCount = await single.countScans();
    await single.close();

    // pg_dump and psql, as IT would move it; the target database has the Citus extension and its workers.
    const dump = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-dump-')), 'district.sql');
    execFileSync(path.join(postgresBin(), 'pg_dump'), ['--no-owner', '-f', dump, singleUrl]);
    const citusUrl = await createCitusTestDatabase();
    execFileSync(path.join(postgresBin(), 'psql'), ['-q', '-v', 'ON_ERROR_STOP=1', '-f', dump, citusUrl], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });

    const citus = await PostgresDistrictStore.connect(citusUrl);
    try {
      expect(citus.citus).toBe(true);
      const admin = new pg.Client({ connectionString: citusUrl });
      await admin.connect();
      try {
        const { rows: kinds } = await admin.query(
          `SELECT logicalrelid::regclass::text AS name, partmethod FROM pg_dist_partition
            WHERE logicalrelid::regclass::text IN ('scans', 'presence', 'venue_days', 'scan_id_claims', 'venues')`,
        );
        expect(Object.fromEntries(kinds.map((row) => [row.name, row.partmethod]))).toEqual({
          scans: 'h',
          presence: 'h',
          venue_days: 'h',
          scan_id_claims: 'h',
          venues: 'n',
        });
        // The rows left the coordinator for shards on both workers.
        const { rows: spread } = await admin.query(
          `SELECT nodeport, sum(shard_size)::bigint AS bytes FROM citus_shards WHERE table_name::text LIKE 'scans_p%' GROUP BY nodeport`,
        );
        expect(spread).toHaveLength(2);
      } finally {
        await admin.end();
      }
      expect(await citus.countScans()).toBe(scanCount);
      expect(await traceAll(citus)).toEqual(before);
    } finally {
      await citus.close();
    }
  });
});
