/**
 * Exactly once across the USB hand-over, as a property: a real kiosk core enrolled with a real
 * district server on loopback goes through any interleaving of scans, exports to a stick (some while
 * an upload is on its way), imports of any file made so far (again, out of order, overlapping one
 * another and what was uploaded), receipts scanned back (of any import, late or twice) and uploads.
 * At the end, after one last upload, the district holds every scan the kiosk recorded exactly once,
 * its day counts add up to them, and the kiosk has nothing left to send.
 */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { folderDestination } from '../../electron/core/handover/UsbHandover';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { DistrictServer } from '../../server/DistrictServer';
import { SqliteDistrictStore } from '../../server/store/SqliteDistrictStore';
import { ADMIN_TOKEN, createVenue } from '../support/districtHttp';
import { listenOnLoopback } from '../support/loopback';

type Step =
  | { readonly kind: 'scan'; readonly count: number }
  | { readonly kind: 'export' }
  | { readonly kind: 'import'; readonly file: number }
  | { readonly kind: 'receipt'; readonly of: number }
  | { readonly kind: 'upload' }
  /** An export while an upload is on its way (staff press the button while the network comes back). */
  | { readonly kind: 'export-while-uploading' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('scan' as const), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'export' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('import' as const), file: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receipt' as const), of: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'upload' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'export-while-uploading' as const }) },
);

interface World {
  readonly district: DistrictServer;
  readonly store: SqliteDistrictStore;
  readonly districtFile: string;
  readonly kiosk: Kiosk;
  readonly kioskFile: string;
  readonly http: Server;
}

async function world(): Promise<World> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'usb-once-'));
  const districtFile = path.join(folder, 'district.sqlite');
  const store = new SqliteDistrictStore(districtFile);
  const district = new DistrictServer({
    store,
    adminToken: ADMIN_TOKEN,
    now: () => new Date(),
    publicUrl: 'http://district.test',
  });
  const http = createServer(district.handle);
  const url = await listenOnLoopback(http);
  const { code } = await createVenue(url, 'Cảng Lý Sơn', 'port');
  const dataDir = path.join(folder, 'kiosk');
  const kiosk = Kiosk.open({
    dataDir,
    logger: memoryLogger(),
    serverUrl: url,
    uploadIntervalMs: 3_600_000,
    settingsOverride: { directionMode: 'in', setupDone: true },
    scanFileDestination: folderDestination(path.join(folder, 'usb')),
  });
  await kiosk.parts.enrollment.enroll(code);
  return { district, store, districtFile, kiosk, kioskFile: path.join(dataDir, 'kiosk.sqlite'), http };
}

function ids(file: string, sql: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).all() as { id: string }[]).map((row) => row.id).sort();
  } finally {
    db.close();
  }
}

function dayCountTotal(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(SUM(scans), 0) AS n FROM venue_days').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the USB hand-over', () => {
  it('gives each scan exactly once at the district, whatever the order of exports, imports, receipts and uploads', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        run += 1;
        const { district, store, districtFile, kiosk, kioskFile, http } = await world();
        try {
          const files: string[] = [];
          const receipts: (string | null)[] = [];
          let scanned = 0;
          for (const next of steps) {
            if (next.kind === 'scan') {
              for (let i = 0; i < next.count; i += 1) {
                scanned += 1;
                const result = kiosk.parts.pipeline.submit({ raw: `VE-${run}-${scanned}`, source: 'wedge' });
                expect(result.outcome).toBe('recorded');
              }
            } else if (next.kind === 'export' || next.kind === 'export-while-uploading') {
              // Nothing unsent is refused in words; the property only needs the files that were written.
              const [done] = await Promise.all([
                kiosk.parts.handover.exportScans().catch(() => null),
                next.kind === 'export-while-uploading' ? kiosk.parts.uploader.sendNow() : null,
              ]);
              if (done?.status === 'written' && done.savedTo)
                files.push(
                  done.savedTo.endsWith(done.fileName) ? done.savedTo : path.join(done.savedTo, done.fileName),
                );
            } else if (next.kind === 'import' && files.length > 0) {
              const answer = await district.importScanFile(files[next.file % files.length], 'test');
              receipts.push(answer.receipt);
            } else if (next.kind === 'receipt' && receipts.length > 0) {
              const receipt = receipts[next.of % receipts.length];
              if (receipt) kiosk.parts.handover.scanReceipt(receipt);
            } else if (next.kind === 'upload') {
              await kiosk.parts.uploader.sendNow();
            }
          }
          const status = await kiosk.parts.uploader.sendNow();
          expect(status.pendingCount).toBe(0);
          const recorded = ids(kioskFile, 'SELECT id FROM scans');
          expect(recorded).toHaveLength(scanned);
          expect(ids(districtFile, 'SELECT id FROM scans')).toEqual(recorded);
          expect(dayCountTotal(districtFile)).toBe(scanned);
        } finally {
          await kiosk.close();
          await new Promise<void>((resolve) => http.close(() => resolve()));
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
