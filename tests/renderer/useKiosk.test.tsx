// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskEvent, KioskEventListener } from '../../shared/contract';
import type { ScanResult } from '../../shared/kioskScans';
import { DEFAULT_SETTINGS } from '../../shared/kioskSettings';
import type { KioskState, UploadStatus } from '../../shared/kioskStatus';
import type { KioskConnection } from '../../renderer/kioskClient';
import { STATE_REFRESH_AFTER_SCAN_MS, useKiosk } from '../../renderer/useKiosk';

const DAY = '2026-11-25';
const upload: UploadStatus = {
  enrolled: false,
  venueName: null,
  venueType: null,
  pendingCount: 0,
  oldestPendingAt: null,
  stalePendingCount: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  nextAttemptAt: null,
  clockOffsetMs: null,
  rejectedCount: 0,
};
const state = (inCount: number): KioskState =>
  ({
    settings: { ...DEFAULT_SETTINGS, setupDone: true },
    counts: { day: DAY, in: inCount, out: 0, refused: 0 },
    recent: [],
    appVersion: 'test',
    upload: { ...upload, pendingCount: inCount },
    scanners: [],
    scannerTest: false,
    adminPinSet: true,
    notices: [],
    adminUnlocked: false,
    insideCount: inCount,
    storageProblem: null,
  }) satisfies KioskState;

const scanned = (n: number): ScanResult =>
  ({
    outcome: 'recorded',
    source: 'wedge',
    scanId: `id-${n}`,
    kind: 'other',
    direction: 'in',
    reason: null,
    problems: [],
    recovered: false,
    displayName: null,
    maskedId: null,
    at: `${DAY}T01:00:0${n}.000Z`,
    contextLabel: null,
    counts: { day: DAY, in: n, out: 0, refused: 0 },
  }) satisfies ScanResult;

function fakeConnection() {
  let listener: KioskEventListener = () => undefined;
  let stored = state(0);
  const getState = vi.fn(async () => ({ ok: true as const, value: stored }));
  const connection = {
    getState,
    onEvent: (l: KioskEventListener) => ((listener = l), () => undefined),
    onConnectionChange: () => () => undefined,
  } as unknown as KioskConnection;
  return {
    connection,
    getState,
    emit: (event: KioskEvent) => act(() => listener(event)),
    store: (next: KioskState) => (stored = next),
  };
}

afterEach(() => vi.useRealTimers());

describe('useKiosk', () => {
  it('shows each scan and its counts from the event at once, and fetches the rest of the state once after a burst', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeConnection();
    const { result } = renderHook(() => useKiosk(fake.connection));
    await act(async () => undefined);
    expect(result.current.state?.counts.in).toBe(0);
    expect(fake.getState).toHaveBeenCalledTimes(1);

    fake.store(state(5));
    for (let n = 1; n <= 5; n += 1) {
      fake.emit({ name: 'scan-handled', payload: scanned(n) });
      expect(result.current.result?.scanId).toBe(`id-${n}`);
      expect(result.current.state?.counts.in).toBe(n);
    }
    expect(result.current.resultSerial).toBe(5);
    // The rest of the state (who is inside) waits for a quiet moment after the last scan.
    await act(() => vi.advanceTimersByTimeAsync(STATE_REFRESH_AFTER_SCAN_MS - 1));
    expect(fake.getState).toHaveBeenCalledTimes(1);
    expect(result.current.state?.insideCount).toBe(0);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(result.current.state?.insideCount).toBe(5);
    expect(fake.getState).toHaveBeenCalledTimes(2);

    // Upload status comes with its event; a storage problem makes the page fetch the state now.
    fake.emit({ name: 'upload-status-changed', payload: { ...upload, enrolled: true, pendingCount: 0 } });
    expect(result.current.state?.upload).toMatchObject({ enrolled: true, pendingCount: 0 });
    expect(fake.getState).toHaveBeenCalledTimes(2);
    fake.store({ ...state(5), storageProblem: 'read-only' });
    fake.emit({ name: 'storage-changed', payload: 'read-only' });
    await act(async () => undefined);
    expect(result.current.state?.storageProblem).toBe('read-only');
  });
});
