/**
 * scan.record: decode + policy + durable insert through Kiosk.submitScan, against the floor of a
 * bare better-sqlite3 INSERT with the same durability (WAL, synchronous=FULL) in the same run.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kiosk } from '../electron/core/Kiosk';
import { memoryLogger } from '../electron/core/log';

export interface LatencyFigures {
  readonly p50: number;
  readonly p99: number;
}

export function percentiles(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times `count` bare inserts of a comparable row, one transaction each. */
export function bareInsertLatency(count: number): LatencyFigures {
  const db = new Database(path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-bare-')), 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE scans (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, scanned_at TEXT, kind TEXT, id_number TEXT, full_name TEXT)',
  );
  const insert = db.prepare('INSERT INTO scans (id, scanned_at, kind, id_number, full_name) VALUES (?, ?, ?, ?, ?)');
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    insert.run(`id-${i}`, new Date().toISOString(), 'cccd', '037188000123', 'Phạm Thị Hồng');
    samples.push(ms(start));
  }
  db.close();
  return percentiles(samples);
}

/** Times `count` scans through the kiosk core (distinct people, so none is a duplicate). */
export async function kioskRecordLatency(count: number): Promise<LatencyFigures> {
  const kiosk = Kiosk.open({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'bench-kiosk-')),
    logger: memoryLogger(),
    settingsOverride: { directionMode: 'in' },
  });
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const raw = `VE-LS-2026-${String(i).padStart(7, '0')}`;
    const start = process.hrtime.bigint();
    const result = kiosk.parts.pipeline.submit({ raw, source: 'wedge' });
    samples.push(ms(start));
    if (result.outcome !== 'recorded') throw new Error(`bench: scan ${i} was ${result.outcome}`);
  }
  await kiosk.close();
  return percentiles(samples);
}
