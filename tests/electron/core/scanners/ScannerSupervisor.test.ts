import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { SubmitScanInput } from '../../../../shared/kioskScans';
import { DEFAULT_SETTINGS } from '../../../../shared/kioskSettings';
import { memoryLogger } from '../../../../electron/core/log';
import { encodeHidPosReports } from '../../../../electron/core/scanners/HidPosAssembler';
import type { HidHandle, HidSeam } from '../../../../electron/core/scanners/HidScannerDriver';
import { ScannerSupervisor } from '../../../../electron/core/scanners/ScannerSupervisor';

class FakeHandle extends EventEmitter implements HidHandle {
  close(): void {
    this.emit('closed');
  }
}

function seamWithOneScanner(): HidSeam & { handle: FakeHandle } {
  const handle = new FakeHandle();
  return {
    handle,
    devices: () => [
      {
        path: '/dev/hidraw1',
        vendorId: 0x0c2e,
        productId: 0x0b8f,
        product: 'Voyager 1400g',
        usagePage: 0x8c,
        usage: 2,
      },
    ],
    open: () => handle,
  };
}

const settings = { ...DEFAULT_SETTINGS, serialPort: null };

describe('ScannerSupervisor', () => {
  it('starts the HID driver the settings ask for and feeds its scans in as source hid', async () => {
    const seam = seamWithOneScanner();
    const submitted: SubmitScanInput[] = [];
    const supervisor = new ScannerSupervisor({
      logger: memoryLogger(),
      hidSeam: seam,
      submit: (input) => submitted.push(input),
    });
    supervisor.apply({ ...settings, hidEnabled: true });
    for (const report of encodeHidPosReports(new TextEncoder().encode('VE-HID-1\r\n')))
      seam.handle.emit('data', Buffer.from(report));
    expect(submitted).toEqual([{ raw: 'VE-HID-1', source: 'hid' }]);
    expect(supervisor.status()).toEqual([expect.objectContaining({ kind: 'hid', connected: true })]);
    await supervisor.stop();
  });

  it('sends a broken report to the screen as an unreadable scan, never drops it', async () => {
    const seam = seamWithOneScanner();
    const submitted: SubmitScanInput[] = [];
    const supervisor = new ScannerSupervisor({
      logger: memoryLogger(),
      hidSeam: seam,
      submit: (input) => submitted.push(input),
    });
    supervisor.apply({ ...settings, hidEnabled: true });
    seam.handle.emit('data', Buffer.from([2, 200, 0x5d]));
    expect(submitted.map((input) => input.source)).toEqual(['hid']);
    expect(submitted[0].raw).toBe('\uFFFD');
    await supervisor.stop();
  });

  it('stops the HID driver when the settings turn it off: the scanner is released and unlisted; on again opens it anew', async () => {
    const handles: FakeHandle[] = [];
    const seam: HidSeam = {
      devices: seamWithOneScanner().devices,
      open: () => {
        const handle = new FakeHandle();
        handles.push(handle);
        return handle;
      },
    };
    const submitted: SubmitScanInput[] = [];
    const supervisor = new ScannerSupervisor({
      logger: memoryLogger(),
      hidSeam: seam,
      submit: (i) => submitted.push(i),
    });
    supervisor.apply({ ...settings, hidEnabled: true });
    const first = handles[0];
    let closed = 0;
    first.on('closed', () => closed++);
    supervisor.apply({ ...settings, hidEnabled: false });
    expect(closed).toBe(1);
    expect(supervisor.status()).toEqual([]);

    supervisor.apply({ ...settings, hidEnabled: true });
    expect(handles).toHaveLength(2);
    for (const report of encodeHidPosReports(new TextEncoder().encode('ON-AGAIN\r\n')))
      handles[1].emit('data', Buffer.from(report));
    expect(submitted).toEqual([{ raw: 'ON-AGAIN', source: 'hid' }]);
    expect(supervisor.status()).toEqual([expect.objectContaining({ kind: 'hid', connected: true })]);
    await supervisor.stop();
  });

  it('keeps going when HID cannot enumerate: says why in the log, lists no scanner, and connects once it can', async () => {
    vi.useFakeTimers();
    try {
      const logger = memoryLogger();
      const working = seamWithOneScanner();
      let libusbPresent = false;
      const seam: HidSeam = {
        devices: () => {
          if (!libusbPresent) throw new Error('libusb missing');
          return working.devices();
        },
        open: working.open,
      };
      const submitted: SubmitScanInput[] = [];
      const supervisor = new ScannerSupervisor({ logger, hidSeam: seam, submit: (i) => submitted.push(i) });
      expect(() => supervisor.apply({ ...settings, hidEnabled: true })).not.toThrow();
      expect(supervisor.status()).toEqual([]);
      expect(logger.lines.map((line) => JSON.parse(line) as { level: string; error?: string })).toContainEqual(
        expect.objectContaining({ level: 'error', error: 'libusb missing' }),
      );

      libusbPresent = true;
      // The driver enumerates again on its own schedule; no settings change is needed.
      await vi.advanceTimersByTimeAsync(3000);
      expect(supervisor.status()).toEqual([expect.objectContaining({ kind: 'hid', connected: true })]);
      for (const report of encodeHidPosReports(new TextEncoder().encode('VE-LATER\r\n')))
        working.handle.emit('data', Buffer.from(report));
      expect(submitted).toEqual([{ raw: 'VE-LATER', source: 'hid' }]);
      await supervisor.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
