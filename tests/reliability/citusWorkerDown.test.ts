/**
 * A Citus worker stops while three kiosks upload (issue 22): batches of venues whose shard lives on
 * it are answered 503 with Retry-After and stay on their kiosk; the other venues' batches keep
 * landing; a trace that needs the missing worker answers "part unreachable" (never a partial answer)
 * and is still audited. The worker back: every kiosk's scans are at the district exactly once and
 * the trace answers as before the outage. Real kiosk cores, a real server, a private cluster (this
 * test stops one of its workers). Skipped where Citus is not installed (the run says so once).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { PostgresDistrictStore } from '../../server/store/PostgresDistrictStore';
import type { LocalNode } from '../../server/localCluster';
import { cccdText } from '../support/cccdSamples';
import { adminHeaders, createVenue } from '../support/districtHttp';
import { startDistrictServer, type TestDistrictServer } from '../support/districtServer';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster';
import { citusAvailable } from '../support/postgresDatabase';

const START = Date.parse('2026-11-25T01:00:00.000Z');
const person = (n: number) =>
  cccdText({
    id: `0510900${String(10_000 + n).slice(-5)}`,
    name: `Nguyễn Văn Khách ${n}`,
    birth: '01011990',
    gender: 'Nam',
    address: 'Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi',
    issue: '01082021',
  });
const idOf = (n: number) => `0510900${String(10_000 + n).slice(-5)}`;

interface Site {
  readonly venueId: string;
  readonly kiosk: Kiosk;
  /** The worker holding this venue's shard. */
  readonly worker: LocalNode;
  readonly dataDir: string;
}

describe.skipIf(!citusAvailable())('a Citus worker down while kiosks upload', () => {
  let cluster: PostgresCluster;
  let server: TestDistrictServer;
  let now = START;
  const sites: Site[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster(2);
    const url = await cluster.cluster.prepareDatabase('district');
    const store = await PostgresDistrictStore.connect(url);
    expect(store.citus).toBe(true);
    server = await startDistrictServer(store, {}, new Date(now).toISOString());
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Venues until both workers hold some: two on one worker, one on the other (three kiosks).
      const byWorker = new Map<number, string[]>();
      // Until one worker holds two of them and the other one (shard placement follows the random ids).
      const enough = () => {
        const counts = [...byWorker.values()].map((v) => v.length).sort((a, b) => b - a);
        return counts.length === 2 && counts[0] >= 2 && counts[1] >= 1;
      };
      for (let i = 0; i < 24 && !enough(); i++) {
        const { code, venueId } = await createVenue(server.url, `Bến ${i + 1}`, 'port');
        const { rows } = await admin.query(
          `SELECT nodeport FROM citus_shards WHERE table_name = 'scans'::regclass AND shardid = get_shard_id_for_distribution_column('scans', $1::uuid)`,
          [venueId],
        );
        const port = Number(rows[0].nodeport);
        byWorker.set(port, [...(byWorker.get(port) ?? []), `${venueId} ${code}`]);
      }
      expect(byWorker.size).toBe(2);
      const [[portA, venuesA], [portB, venuesB]] = [...byWorker].sort((a, b) => b[1].length - a[1].length);
      const chosen = [...venuesA.slice(0, 2).map((v) => [portA, v] as const), [portB, venuesB[0]] as const];
      for (const [port, entry] of chosen) {
        const [venueId, code] = entry.split(' ');
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-citus-'));
        const kiosk = Kiosk.open({
          dataDir,
          logger: memoryLogger(),
          serverUrl: server.url,
          now: () => new Date(now),
          settingsOverride: { directionMode: 'auto' },
        });
        await kiosk.parts.enrollment.enroll(code);
        const worker = cluster.cluster.workers.find((w) => w.port === port) as LocalNode;
        sites.push({ venueId, kiosk, worker, dataDir });
      }
    } finally {
      await admin.end();
    }
  }, 120_000);

  afterAll(async () => {
    for (const site of sites) await site.kiosk.close();
    await server?.close();
    cluster?.stop();
  }, 60_000);

  const scanAt = (site: Site, n: number) => {
    const outcome = site.kiosk.parts.pipeline.submit({ raw: person(n), source: 'serial' }).outcome;
    expect(outcome).toBe('recorded');
  };
  const advance = (ms: number) => {
    now += ms;
    server.setNow(new Date(now).toISOString());
  };
  const trace = (idNumber: string, to: string) =>
    fetch(
      `${server.url}/api/v1/trace?${new URLSearchParams({ idNumber, from: '2026-11-24T00:00:00.000Z', to, caseRef: 'F0-LS-7' })}`,
      { headers: adminHeaders() },
    );
  /** Every scan id the kiosk recorded, from its own database. */
  const localIds = (site: Site) => {
    const db = new Database(path.join(site.dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT id FROM scans').all() as { id: string }[]).map((row) => row.id);
    } finally {
      db.close();
    }
  };

  it('answers 503 for the missing worker only, audits the trace it could not answer, and loses and doubles nothing', async () => {
    // Before: person 1 visits every site; each site has its own visitors around them.
    for (const [i, site] of sites.entries()) {
      scanAt(site, 1);
      scanAt(site, 10 + i);
      advance(20 * 60_000);
      scanAt(site, 1);
      scanAt(site, 10 + i);
      advance(20 * 60_000);
    }
    for (const site of sites) expect((await site.kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    const beforeTo = new Date(now).toISOString();
    const before = await trace(idOf(1), beforeTo);
    expect(before.status).toBe(200);
    const beforeBody = (await before.json()) as { visits: unknown[]; contacts: unknown[] };
    expect(beforeBody.visits).toHaveLength(3);
    expect(beforeBody.contacts).toHaveLength(3);

    // The worker holding the lone venue stops as a crashed machine would.
    const down = sites[2].worker;
    down.stop('immediate');
    advance(10 * 60_000);
    for (const [i, site] of sites.entries()) for (let k = 0; k < 5; k++) scanAt(site, 100 + i * 10 + k);
    const during = await Promise.all(sites.map((site) => site.kiosk.parts.uploader.sendNow()));
    // Venues on the live worker landed; the lone venue's kiosk keeps its five and was told to wait.
    expect(during.map((status) => status.pendingCount)).toEqual([0, 0, 5]);
    expect(during[2].lastError).toMatchObject({ code: 'server-error', status: 503 });
    // The same answer, seen at the boundary: 503 with Retry-After.
    const auditsBefore = (await server.store.listTraceAudits(100)).length;
    const partial = await trace(idOf(1), beforeTo);
    expect(partial.status).toBe(503);
    expect(partial.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await partial.json()).toMatchObject({ error: 'part-unreachable' });
    expect((await server.store.listTraceAudits(100)).length).toBe(auditsBefore + 1);

    // Back: the kiosk resends, and every scan of every kiosk is at the district exactly once.
    down.start();
    advance(60_000);
    expect((await sites[2].kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    for (const site of sites) {
      const stored = await server.store.scansAtVenue(site.venueId, '2026-11-24T00:00:00Z', '2026-11-26T00:00:00Z');
      const ids = stored.map((scan) => scan.id).sort();
      expect(ids).toEqual([...new Set(ids)]);
      expect(ids).toEqual(localIds(site).sort());
    }
    const after = await trace(idOf(1), beforeTo);
    expect(after.status).toBe(200);
    const afterBody = (await after.json()) as { visits: unknown[]; contacts: unknown[] };
    expect({ visits: afterBody.visits, contacts: afterBody.contacts }).toEqual({
      visits: beforeBody.visits,
      contacts: beforeBody.contacts,
    });
  }, 120_000);
});
