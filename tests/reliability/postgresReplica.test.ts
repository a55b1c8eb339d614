/**
 * Past one PostgreSQL server (docs/scaling.md): a streaming replica serves the trace, the heaviest
 * read of the console, so it leaves the primary. A hot standby is made from a live primary with
 * pg_basebackup; once it has replayed the primary's WAL, a trace on the replica is the trace on the
 * primary, and the replica refuses writes (the trace audit stays on the primary). The server process
 * given DATABASE_READ_URL traces on the replica: with its replay paused, a visit stored on the
 * primary meanwhile is not in the console's trace until replay resumes.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceRecord, StoredScan } from '../../server/store/DistrictStore';
import { PostgresDistrictStore } from '../../server/store/PostgresDistrictStore';
import { runTrace } from '../../server/trace/runTrace';
import { ADMIN_TOKEN } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import { freePort } from '../support/freePort';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster';
import { startServerProcess } from '../support/serverProcess';
import { ingestScans } from '../../server/ingest/ingestScans';

const bin = (() => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions
    .map((v) => path.join(root, v, 'bin'))
    .find((dir) => existsSync(path.join(dir, 'pg_basebackup'))) as string;
})();
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as Debian's postgres user when the tests run as root (PostgreSQL refuses root). */
function run(command: string, args: string[]): void {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]]
    : [path.join(bin, command), args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tests: ${command} failed: ${result.stderr || result.stdout}`);
}

describe('a PostgreSQL read replica serving traces', () => {
  let primary: PostgresCluster;
  let replicaDir: string;
  let replicaUrl: string;
  let primaryStore: PostgresDistrictStore;
  let replicaStore: PostgresDistrictStore;
  const index = '038100000001';

  beforeAll(async () => {
    primary = await startPostgresCluster();
    primaryStore = await PostgresDistrictStore.connect(primary.url);
    replicaDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-pg-replica-'));
    if (asRoot) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(replicaDir, id('-u'), id('-g'));
      chmodSync(replicaDir, 0o700);
    }
    const primaryPort = new URL(primary.url).port;
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      primaryPort,
      '-U',
      'kiosk',
      '-D',
      path.join(replicaDir, 'data'),
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    const port = await freePort();
    run('pg_ctl', [
      '-D',
      path.join(replicaDir, 'data'),
      '-l',
      path.join(replicaDir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${replicaDir} -c listen_addresses=127.0.0.1 -c hot_standby=on`,
      'start',
    ]);
    replicaUrl = `postgres://kiosk@127.0.0.1:${port}/postgres`;

    // Scans arrive at the primary after the replica was made: only streaming brings them over.
    const venueId = uuidv7();
    const now = '2026-11-25T03:00:00.000Z';
    await primaryStore.createEnrollment({
      venue: { id: venueId, name: 'Cảng Sa Kỳ', type: 'port', address: null },
      codeHash: 'r',
      createdAt: now,
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    await primaryStore.redeemEnrollment('r', now, {
      id: uuidv7(),
      name: 'Quầy',
      tokenHash: 'replica-token',
      appVersion: null,
    });
    const device = (await primaryStore.findDeviceByTokenHash('replica-token')) as DeviceRecord;
    const scan = (at: string, idNumber: string, direction: 'in' | 'out', seq: number): StoredScan => ({
      ...uploadedScan(at, { idNumber, direction, seq }),
      venueId,
      deviceId: device.id,
      receivedAt: now,
      correctedAt: at,
      localDay: at.slice(0, 10),
    });
    await ingestScans(
      primaryStore,
      device,
      [
        scan('2026-11-25T00:30:00.000Z', index, 'in', 1),
        scan('2026-11-25T00:40:00.000Z', '001099000001', 'in', 2),
        scan('2026-11-25T01:10:00.000Z', index, 'out', 3),
        scan('2026-11-25T01:20:00.000Z', '001099000001', 'out', 4),
      ],
      { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: 't' },
    );
  }, 120_000);

  afterAll(async () => {
    await replicaStore?.close();
    await primaryStore?.close();
    try {
      run('pg_ctl', ['-D', path.join(replicaDir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(replicaDir, { recursive: true, force: true });
      primary.stop();
    }
  });

  it('answers the same trace as the primary once it has replayed the WAL, and refuses writes', async () => {
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    const lsn = (await admin.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string;
    await admin.end();
    const standby = new pg.Client({ connectionString: replicaUrl });
    await standby.connect();
    try {
      expect((await standby.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
      await vi.waitFor(
        async () =>
          expect(
            (await standby.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught', [lsn])).rows[0].caught,
          ).toBe(true),
        { timeout: 30_000, interval: 50 },
      );
    } finally {
      await standby.end();
    }
    replicaStore = await PostgresDistrictStore.connectReplica(replicaUrl);
    const request = {
      idNumber: index,
      from: '2026-11-24T00:00:00Z',
      to: '2026-11-26T00:00:00Z',
      marginMinutes: 15,
      limit: 100,
      offset: 0,
    };
    const onReplica = await runTrace(replicaStore, request);
    expect(onReplica).toEqual(await runTrace(primaryStore, request));
    expect(onReplica.visits).toHaveLength(1);
    expect(onReplica.contacts.map((c) => [c.idNumber, c.overlapMinutes])).toEqual([['001099000001', 30]]);
    await expect(
      replicaStore.recordTraceAudit({
        tracedAt: '2026-11-25T04:00:00.000Z',
        actor: 'admin-token',
        idNumber: index,
        caseRef: null,
        from: request.from,
        to: request.to,
      }),
    ).rejects.toMatchObject({ code: '25006' });
  }, 60_000);

  it("serves the console's traces from the replica when the server is given DATABASE_READ_URL, and writes the audit on the primary", async () => {
    const standby = new pg.Client({ connectionString: replicaUrl });
    await standby.connect();
    const server = await startServerProcess({ DATABASE_URL: primary.url, DATABASE_READ_URL: replicaUrl });
    try {
      // The replica stops replaying: a second visit stored on the primary now is not on it yet.
      await standby.query('SELECT pg_wal_replay_pause()');
      const device = (await primaryStore.findDeviceByTokenHash('replica-token')) as DeviceRecord;
      const at = (iso: string, direction: 'in' | 'out', seq: number): StoredScan => ({
        ...uploadedScan(iso, { idNumber: index, direction, seq }),
        venueId: device.venueId,
        deviceId: device.id,
        receivedAt: iso,
        correctedAt: iso,
        localDay: iso.slice(0, 10),
      });
      await ingestScans(
        primaryStore,
        device,
        [at('2026-11-25T05:00:00.000Z', 'in', 5), at('2026-11-25T05:30:00.000Z', 'out', 6)],
        {
          receivedAt: '2026-11-25T06:00:00.000Z',
          sentAt: '2026-11-25T06:00:00.000Z',
          clockOffsetMs: 0,
          pendingCount: 0,
          appVersion: 't',
        },
      );
      const traceVisits = async () => {
        const response = await fetch(
          `${server.url}/api/v1/trace?idNumber=${index}&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z`,
          { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
        );
        expect(response.status).toBe(200);
        return ((await response.json()) as { visits: unknown[] }).visits.length;
      };
      const audits = (await primaryStore.listTraceAudits(100)).length;
      expect(await traceVisits()).toBe(1);
      expect(
        (
          await runTrace(primaryStore, {
            idNumber: index,
            from: '2026-11-24T00:00:00Z',
            to: '2026-11-26T00:00:00Z',
            marginMinutes: 15,
            limit: 100,
            offset: 0,
          })
        ).visits,
      ).toHaveLength(2);
      // The trace was written to the primary's audit before it ran.
      expect(await primaryStore.listTraceAudits(100)).toHaveLength(audits + 1);
      await standby.query('SELECT pg_wal_replay_resume()');
      await vi.waitFor(async () => expect(await traceVisits()).toBe(2), { timeout: 30_000, interval: 100 });
    } finally {
      await standby.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await standby.end();
      await server.stop();
    }
  }, 90_000);
});
