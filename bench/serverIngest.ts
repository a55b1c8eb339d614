/**
 * server.ingest: scans/s into a district server running as its own process (`server/main.ts`, as
 * deployed), on SQLite and on PostgreSQL, from one kiosk and from several kiosks uploading at once
 * (each at its own venue, each waiting for an answer before its next batch, as the uploader does).
 * The batches are gzipped before the clock starts: that is the kiosks' work, on their own machines.
 *
 * The baseline is the same server at another commit (`INGEST_BASELINE`, default the code before
 * issue 13), unpacked with `git archive` beside this tree and measured in the same run, on the same
 * load, alternating with this tree.
 *
 * Knobs: INGEST_BASELINE=<rev> or `none`; INGEST_ROUNDS (default 1, each side's best round); INGEST_KIOSKS (default `1,4`); INGEST_ENGINES (default
 * `SQLite,PostgreSQL`); INGEST_WORKLOAD (`alternating` or `visits`, see `Workload`); INGEST_NODE_ARGS
 * for the server's node (`--cpu-prof --cpu-prof-dir=DIR`).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import type { UploadedScan } from '../shared/district';
import { createVenue, enrollDevice } from '../tests/support/districtHttp';
import { startPostgresCluster } from '../tests/support/postgresCluster';
import { startServerProcess } from '../tests/support/serverProcess';
import { baselineTree, ROOT } from './baselineTree';
import type { Figure } from './run';

const BATCH = 5000;
const WORKLOAD: Workload = process.env.INGEST_WORKLOAD === 'visits' ? 'visits' : 'alternating';

/**
 * How the bench's people come and go. `alternating` (the default, as measured since the start):
 * in and out in turn, each person seen twice 100,000 scans apart, so nearly every scan is a person
 * new at the venue. `visits`: each person enters and leaves half an hour (1,800 scans) later, as at
 * a gate, so half the scans close an interval ingest wrote before (`INGEST_WORKLOAD=visits`).
 */
export type Workload = 'alternating' | 'visits';

/** `size` scans of one kiosk from `offset`, a scan a second. */
export function benchScans(
  size: number,
  offset: number,
  kiosk = 0,
  workload: Workload = 'alternating',
): UploadedScan[] {
  const base = Date.parse('2026-11-20T00:00:00Z');
  return Array.from({ length: size }, (_, i) => {
    const k = offset + i;
    const at = base + k * 1000;
    const inVisit = k % 3600;
    const [person, direction] =
      workload === 'visits'
        ? ([
            `037${String(kiosk).padStart(3, '0')}${String(Math.floor(k / 3600) * 1800 + (inVisit % 1800)).padStart(6, '0')}`,
            inVisit < 1800 ? 'in' : 'out',
          ] as const)
        : ([
            `0371${String(kiosk).padStart(3, '0')}${String(k % 100_000).padStart(5, '0')}`,
            i % 2 === 0 ? 'in' : 'out',
          ] as const);
    return {
      id: uuidv7({ msecs: at }),
      seq: k + 1,
      scannedAt: new Date(at).toISOString(),
      utcOffsetMin: 420,
      direction,
      source: 'wedge',
      kind: 'cccd',
      outcome: 'recorded',
      reason: null,
      problems: [],
      idNumber: person,
      fullName: 'Phạm Thị Hồng',
      birthDate: '1988',
      gender: null,
      address: null,
      codeText: null,
      contextLabel: null,
    } satisfies UploadedScan;
  });
}

type Body = ReturnType<typeof gzipSync>;

/** A kiosk's upload bodies, gzipped as the uploader sends them. */
export function gzippedBatches(total: number, kiosk = 0, workload: Workload = 'alternating'): Body[] {
  return Array.from({ length: Math.ceil(total / BATCH) }, (_, b) =>
    gzipSync(
      JSON.stringify({
        sentAt: new Date().toISOString(),
        appVersion: 'bench',
        pendingCount: 0,
        scans: benchScans(BATCH, b * BATCH, kiosk, workload),
      }),
    ),
  );
}

/** Posts each kiosk's bodies in turn (kiosks at once); answers scans/s over the whole. */
export async function postAll(
  url: string,
  kiosks: readonly { token: string; bodies: readonly Body[] }[],
): Promise<number> {
  const start = performance.now();
  await Promise.all(
    kiosks.map(async ({ token, bodies }) => {
      for (const body of bodies) {
        const send = () =>
          fetch(`${url}/api/v1/scans:batch`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
              'Content-Encoding': 'gzip',
            },
            body,
          });
        // A kept-alive socket the server closed on its idle timer as this starved client reused it
        // (seen on a loaded machine): sent again once, as a kiosk would; the server never read it.
        const response = await send().catch((error: { cause?: { code?: string } }) => {
          if (error.cause?.code !== 'UND_ERR_SOCKET') throw error;
          return send();
        });
        const text = await response.text();
        if (response.status !== 200)
          throw new Error(`bench: ingest answered ${response.status}: ${text.slice(0, 200)}`);
        // Every scan taken, or the figure would count refusals (the bench's dates age past the plausible window in 2027-12).
        const refused = (JSON.parse(text) as { results: { status: string }[] }).results.filter(
          (answer) => answer.status !== 'accepted',
        ).length;
        if (refused > 0) throw new Error(`bench: ingest did not accept ${refused} scans of a batch`);
      }
    }),
  );
  return (kiosks.length * kiosks[0].bodies.length * BATCH) / ((performance.now() - start) / 1000);
}

/** `kiosks` port venues with a kiosk each on the server at `url`, each with `total` scans' batches ready. */
export async function enrolledKiosks(
  url: string,
  kiosks: number,
  total: number,
  workload: Workload = 'alternating',
): Promise<{ token: string; bodies: Body[] }[]> {
  const devices = [];
  for (let k = 0; k < kiosks; k += 1) {
    const { code } = await createVenue(url, `Bến ${k + 1}`, 'port');
    devices.push({ token: (await enrollDevice(url, code)).deviceToken, bodies: gzippedBatches(total, k, workload) });
  }
  return devices;
}

/** One measurement: a fresh store, `kiosks` venues with a kiosk each, `total` scans per kiosk. */
async function measure(tree: string, engine: 'SQLite' | 'PostgreSQL', kiosks: number, total: number): Promise<number> {
  const cluster = engine === 'PostgreSQL' ? await startPostgresCluster() : null;
  const server = await startServerProcess(cluster ? { DATABASE_URL: cluster.url } : {}, {
    cwd: tree,
    nodeArgs: (process.env.INGEST_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  try {
    return await postAll(server.url, await enrolledKiosks(server.url, kiosks, total, WORKLOAD));
  } finally {
    await server.stop();
    cluster?.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export async function serverIngestFigures(total: number): Promise<Figure[]> {
  const rev = process.env.INGEST_BASELINE ?? '0f905fc';
  const before = rev === 'none' ? null : baselineTree(rev);
  const kioskCounts = (process.env.INGEST_KIOSKS ?? '1,4').split(',').map(Number);
  const figures: Figure[] = [];
  const sqliteNow = new Map<number, number>();
  for (const engine of (process.env.INGEST_ENGINES ?? 'SQLite,PostgreSQL').split(',') as ('SQLite' | 'PostgreSQL')[]) {
    for (const kiosks of kioskCounts) {
      const perKiosk = Math.ceil(total / kiosks / BATCH) * BATCH;
      // Alternating, so a slow minute does not fall on one side only; INGEST_ROUNDS rounds (default 1),
      // each side its best round (a same-commit control swung 0.88-1.29 in a single round).
      let then = Number.NaN;
      let now = 0;
      for (let round = 0; round < Number(process.env.INGEST_ROUNDS ?? 1); round += 1) {
        if (before) then = Math.max(Number.isNaN(then) ? 0 : then, await measure(before, engine, kiosks, perKiosk));
        now = Math.max(now, await measure(ROOT, engine, kiosks, perKiosk));
      }
      if (engine === 'SQLite') sqliteNow.set(kiosks, now);
      const peer =
        engine === 'PostgreSQL'
          ? ` (SQLite now ${Math.round(sqliteNow.get(kiosks) ?? 0)}, ratio ${(now / (sqliteNow.get(kiosks) ?? now)).toFixed(2)})`
          : '';
      figures.push({
        name: `server.ingest ${engine}, ${kiosks} kiosk${kiosks > 1 ? 's' : ''} at once`,
        value: Math.round(now),
        unit: 'scans/s',
        baseline: Math.round(then),
        ratio: Number((now / then).toFixed(2)),
        note: `baseline = the server at ${rev}, same run; ${kiosks * perKiosk} scans (${WORKLOAD}) in gzip batches of ${BATCH}, server in its own process${peer}`,
      });
    }
  }
  return figures;
}
