import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
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

  it('stops the HID driver when the settings turn it off, and keeps going when HID cannot load', async () => {
    const logger = memoryLogger();
    const seam = seamWithOneScanner();
    const supervisor = new ScannerSupervisor({ logger, hidSeam: seam, submit: () => undefined });
    supervisor.apply({ ...settings, hidEnabled: true });
    supervisor.apply({ ...settings, hidEnabled: false });
    expect(supervisor.status()).toEqual([]);
    const broken: HidSeam = {
      devices: () => {
        throw new Error('libusb missing');
      },
      open: () => seam.handle,
    };
    const withoutHid = new ScannerSupervisor({ logger, hidSeam: broken, submit: () => undefined });
    expect(() => withoutHid.apply({ ...settings, hidEnabled: true })).not.toThrow();
    await supervisor.stop();
    await withoutHid.stop();
  });
});
