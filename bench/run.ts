/**
 * `npm run bench [-- --quick]`: runs the benchmarks, prints a table and writes
 * bench/results/latest.json as {machine, date, figures: [{name, value, unit, baseline?, ratio?}]}.
 * Never part of `npm test`: timings on shared machines are noisy, so every figure is compared with
 * a baseline or a peer measured in the same run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareInsertLatency, kioskRecordLatency } from './scanRecord';
import { baselineTree, ROOT } from './baselineTree';
import { scanFeedbackFigures } from './scanFeedback';
import { serverTraceFigures } from './serverBench';
import { serverIngestFigures } from './serverIngest';
import { handoverFigures } from './handover';
import { serverCitusFigures } from './serverCitus';
import { serverScaleFigures } from './serverScale';
import { execFileSync } from 'node:child_process';
import { compareOnDamagedCards, compareWedgeDecoders } from './wedgeAccuracy';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  readonly ratio?: number;
  readonly note?: string;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const figures: Figure[] = [];

  // `--only name[,name]`: just those steps (names as printed), for a re-run of one figure.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : null;
  const step = async (name: string, run: () => Promise<Figure[]> | Figure[]) => {
    if (only && !only.includes(name)) return;
    process.stderr.write(`bench: ${name}...\n`);
    figures.push(...(await run()));
  };

  await step('scan.record', async () => {
    const count = quick ? 300 : 3000;
    const floor = bareInsertLatency(count);
    const kiosk = await kioskRecordLatency(count);
    return (['p50', 'p99'] as const).map((q) => ({
      name: `scan.record ${q}`,
      value: round(kiosk[q]),
      unit: 'ms',
      baseline: round(floor[q]),
      ratio: round(kiosk[q] / floor[q], 2),
      note: 'baseline: bare better-sqlite3 INSERT, WAL + synchronous=FULL, same run',
    }));
  });

  await step('wedge.accuracy', () => {
    const [ours, ...peers] = compareWedgeDecoders();
    return peers
      .flatMap((peer): Figure[] => [
        {
          name: `wedge.accuracy exact codes vs ${peer.decoder}`,
          value: ours.exact,
          unit: `of ${ours.scannerTraces}`,
          baseline: peer.exact,
          ratio: round(ours.exact / Math.max(1, peer.exact), 2),
        },
        {
          name: `wedge.accuracy false scans vs ${peer.decoder}`,
          value: ours.falseScans,
          unit: `in ${ours.personTraces} person traces`,
          baseline: peer.falseScans,
        },
        {
          name: `wedge.accuracy scan chars leaked into a focused field vs ${peer.decoder}`,
          value: ours.leakedChars,
          unit: 'chars',
          baseline: peer.leakedChars,
        },
        {
          name: `wedge.accuracy person chars lost in a focused field vs ${peer.decoder}`,
          value: ours.personCharsLost,
          unit: 'chars',
          baseline: peer.personCharsLost,
        },
      ])
      .concat(damagedCardFigures());
  });

  /** Damaged CCCD scans: ours against tuned onScan.js, each decoded and judged by the kiosk's policy. */
  function damagedCardFigures(): Figure[] {
    const scores = compareOnDamagedCards();
    const ours = scores.filter((score) => score.decoder.startsWith('ours'));
    return ours.flatMap((score) => {
      const peer = scores.find((other) => other !== score && other.damage === score.damage);
      return [
        {
          name: `wedge.accuracy damaged card (${score.damage}) recorded under its ID vs ${peer?.decoder ?? '-'}`,
          value: score.recordedRight,
          unit: `of ${score.traces}`,
          baseline: peer?.recordedRight,
          note: `exact scans ${score.exact} (peer ${peer?.exact ?? '-'}), refused ${score.refusedOrMissed}`,
        },
        {
          name: `wedge.accuracy damaged card (${score.damage}) wrong records vs ${peer?.decoder ?? '-'}`,
          value: score.wrongRecords,
          unit: 'must be 0',
          baseline: peer?.wrongRecords,
        },
      ];
    });
  }

  await step('scan.feedback', () => scanFeedbackFigures(quick ? 30 : 1000));
  await step('upload.drain', async () => {
    // Its own process, so the RSS measured is the kiosk core's, not this runner's.
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        path.join(path.dirname(fileURLToPath(import.meta.url)), 'uploadDrainChild.ts'),
        String(quick ? 50_000 : 1_000_000),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      },
    );
    return JSON.parse(out.trim().split('\n').pop() as string) as Figure[];
  });
  // The USB hand-over of an offline venue: export and import CLIs, against the HTTP upload (HANDOVER_SCANS).
  await step('usb.handover', () => handoverFigures(quick ? 20_000 : Number(process.env.HANDOVER_SCANS ?? 1_000_000)));
  await step('server.ingest', () => serverIngestFigures(quick ? 20_000 : 200_000));
  await step('server.trace', async () => {
    const total = quick ? 100_000 : Number(process.env.TRACE_SCANS ?? 10_000_000);
    // TRACE_BASELINE=<rev>: the same figures from that commit's tree, in this run, for ratios: both
    // trees in a process of their own, alternating for TRACE_ROUNDS rounds (default 2), each
    // figure in ms the best of its rounds (a busy minute falls on one round, not on one side).
    const rev = process.env.TRACE_BASELINE;
    if (!rev) return serverTraceFigures(total);
    const before: Map<string, Figure>[] = [];
    const now: Map<string, Figure>[] = [];
    for (let round = 0; round < Number(process.env.TRACE_ROUNDS ?? 2); round += 1) {
      before.push(traceFiguresAt(baselineTree(rev), total));
      now.push(traceFiguresAt(ROOT, total));
    }
    const best = bestOfRounds(before);
    return [...bestOfRounds(now).values()].map((figure) => withBaseline(figure, best.get(figure.name), rev));
  });
  // Not in a full run (it fills fresh databases of SCALE_SIZES scans): `--only server.scale`.
  if (only?.includes('server.scale')) await step('server.scale', () => serverScaleFigures());
  // Not in a full run either (two fresh clusters of CITUS_SCANS scans, Citus installed): `--only server.citus`.
  if (only?.includes('server.citus')) await step('server.citus', () => serverCitusFigures());

  const machine = `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const report = { machine, date: new Date().toISOString(), quick, only, figures };
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(out, { recursive: true });
  // A partial run never overwrites the full report.
  writeFileSync(path.join(out, only ? 'partial.json' : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`machine: ${machine}`);
  console.table(figures.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio })));
  console.log(`written: ${path.join(out, only ? 'partial.json' : 'latest.json')}`);
}

/**
 * The server.trace figures of another tree, run as its own process (its code, this machine, this run).
 * Keyed by figure name.
 */
function traceFiguresAt(tree: string, total: number): Map<string, Figure> {
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--only', 'server.trace'], {
    cwd: tree,
    env: { ...process.env, TRACE_SCANS: String(total), TRACE_BASELINE: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const report = JSON.parse(readFileSync(path.join(tree, 'bench', 'results', 'partial.json'), 'utf8')) as {
    figures: Figure[];
  };
  return new Map(report.figures.map((figure) => [figure.name, figure]));
}

/** Per figure name, the least value over the rounds for times (ms), else the last round's. */
function bestOfRounds(rounds: readonly Map<string, Figure>[]): Map<string, Figure> {
  const best = new Map<string, Figure>();
  for (const round of rounds) {
    for (const [name, figure] of round) {
      const kept = best.get(name);
      best.set(name, kept && figure.unit === 'ms' && kept.value <= figure.value ? kept : figure);
    }
  }
  return best;
}

/** A figure with the same figure of the baseline tree; ratio = this / baseline (for times, under 1 is faster). */
function withBaseline(figure: Figure, before: Figure | undefined, rev: string): Figure {
  if (!before || before.unit !== figure.unit || before.value === 0) return figure;
  return {
    ...figure,
    baseline: before.value,
    ratio: round(figure.value / before.value, 2),
    note: `baseline = ${rev}, same run; ${figure.note ?? ''}`.trim(),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
