/**
 * The order of ingest, written once: the steps each engine provides run in one order, inside the
 * engine's one transaction, whether they answer at once (SQLite) or later (PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import { ingestScans } from '../../../server/ingest/ingestScans';
import type { DeviceRecord } from '../../../server/store/topics/deviceTopic';
import {
  runFlow,
  runFlowAtOnce,
  type IngestSteps,
  type IngestTransactions,
  type StepAnswer,
} from '../../../server/store/topics/ingestTopic';
import { storedScan } from '../../support/storedScans';

const DEVICE: DeviceRecord = {
  id: 'd1',
  venueId: 'v1',
  venueName: 'Bến Bình Đông',
  name: 'Cổng 1',
  createdAt: '2026-11-01T00:00:00.000Z',
  revokedAt: null,
  lastUploadAt: null,
  pendingCount: null,
  appVersion: null,
  clockOffsetMs: null,
  publicKey: null,
};
const REPORT = {
  receivedAt: '2026-11-25T03:00:00.000Z',
  sentAt: '2026-11-25T03:00:00.000Z',
  clockOffsetMs: 0,
  pendingCount: 0,
  appVersion: '1.0.0',
};

/** A store whose steps record their calls; `later` makes each answer a promise. */
function recordingStore(alreadyStored: ReadonlySet<string>, foreign: ReadonlySet<string>, later: boolean) {
  const calls: string[] = [];
  const answer = <T>(value: T): StepAnswer<T> => (later ? Promise.resolve(value) : value);
  const steps: IngestSteps = {
    insertNewScans: (scans) => {
      calls.push(`insert ${scans.length}`);
      return answer(scans.filter((scan) => !alreadyStored.has(scan.id)));
    },
    pairPresence: (venueId, stored) => answer(void calls.push(`pair ${venueId} ${stored.length}`)),
    applyCorrections: (venueId) => answer(void calls.push(`corrections ${venueId}`)),
    addDayCounts: (deltas) => answer(void calls.push(`days ${deltas.map((d) => `${d.venueId}:${d.scans}`).join(',')}`)),
    readVoidTargets: (voided) => {
      calls.push(`targets ${[...voided.keys()].join(',')}`);
      return answer({ targets: new Map(), corrections: new Map() });
    },
    takeFromDayCounts: (takes) => answer(void calls.push(`take ${takes.length}`)),
    claimForeignIds: (deviceId, ids) => {
      calls.push(`claim ${ids.length}`);
      return answer(ids.filter((id) => foreign.has(id)));
    },
    reportUpload: (deviceId) => answer(void calls.push(`report ${deviceId}`)),
  };
  const store: IngestTransactions = {
    runIngest: async (flow) => {
      calls.push('begin');
      const result = later ? await runFlow(flow(steps)) : runFlowAtOnce(flow(steps));
      calls.push('commit');
      return result;
    },
  };
  return { store, calls };
}

describe('ingestScans', () => {
  for (const later of [false, true]) {
    it(`runs the steps in one order in one transaction (steps answering ${later ? 'later' : 'at once'})`, async () => {
      const at = '2026-11-25T02:00:00.000Z';
      const resent = storedScan(at);
      const fresh = storedScan(at, {}, 'v2');
      const other = storedScan(at);
      const correction = storedScan(at, { direction: null, voidsScanId: resent.id });
      const { store, calls } = recordingStore(new Set([resent.id, other.id]), new Set([other.id]), later);
      const firstSent = await ingestScans(store, DEVICE, [resent, fresh, other, correction], REPORT);
      expect(calls).toEqual([
        'begin',
        'insert 4',
        'pair v1 1',
        'pair v2 1',
        'corrections v1',
        'corrections v2',
        'days v2:1,v1:1',
        `targets ${resent.id}`,
        'take 0',
        'claim 2',
        'report d1',
        'commit',
      ]);
      // First sent: stored now, or another device's id claimed now; in the batch's order.
      expect([...firstSent]).toEqual([fresh.id, other.id, correction.id]);
    });
  }

  it('reads no void targets when the batch holds no correction', async () => {
    const { store, calls } = recordingStore(new Set(), new Set(), false);
    await ingestScans(store, DEVICE, [storedScan('2026-11-25T02:00:00.000Z')], REPORT);
    expect(calls.some((call) => call.startsWith('targets'))).toBe(false);
  });

  it('refuses a step answering later inside a synchronous transaction', () => {
    function* flow() {
      yield Promise.resolve(1);
      return 0;
    }
    expect(() => runFlowAtOnce(flow())).toThrow(/^server\.store: /);
  });
});
