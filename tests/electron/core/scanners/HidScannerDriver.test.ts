import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { encodeHidPosReports } from '../../../../electron/core/scanners/HidPosAssembler';
import {
  HidScannerDriver,
  type HidDeviceInfo,
  type HidHandle,
  type HidScan,
  type HidSeam,
} from '../../../../electron/core/scanners/HidScannerDriver';
import { memoryLogger } from '../../../../electron/core/log';

class FakeHandle extends EventEmitter implements HidHandle {
  closed = false;
  close(): void {
    this.closed = true;
  }
  send(text: string): void {
    for (const report of encodeHidPosReports(new TextEncoder().encode(text))) this.emit('data', Buffer.from(report));
  }
}

/** What node-hid would show: a Honeywell with its data collection (0x8C) and its vendor one (0xFF8C). */
function fakeSeam(devices: HidDeviceInfo[]): HidSeam & { handles: Map<string, FakeHandle[]>; failOpen: Set<string> } {
  const handles = new Map<string, FakeHandle[]>();
  const failOpen = new Set<string>();
  return {
    handles,
    failOpen,
    devices: () => devices,
    open: (path) => {
      if (failOpen.has(path)) throw new Error('cannot open device');
      const handle = new FakeHandle();
      handles.set(path, [...(handles.get(path) ?? []), handle]);
      return handle;
    },
  };
}

const honeywell = (path: string, usagePage: number): HidDeviceInfo => ({
  path,
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  product: 'Voyager 1400g',
  usagePage,
  usage: usagePage === 0x8c ? 2 : 1,
});

describe('HidScannerDriver', () => {
  it('opens only the HID POS collection (0x8C/0x02), not the vendor one with the same ids', () => {
    const seam = fakeSeam([
      honeywell('/dev/hidraw1', 0x8c),
      honeywell('/dev/hidraw2', 0xff8c),
      { path: '/dev/hidraw3', vendorId: 1, productId: 2, usagePage: 1, usage: 6 },
    ]);
    const driver = new HidScannerDriver({
      seam,
      logger: memoryLogger(),
      onScan: () => undefined,
      onProblem: () => undefined,
    });
    driver.scan();
    expect([...seam.handles.keys()]).toEqual(['/dev/hidraw1']);
    expect(driver.status()).toEqual([{ id: '/dev/hidraw1', name: 'Voyager 1400g', connected: true, lastReadAt: null }]);
  });

  it('reads several scanners at once and says which scanner each scan came from', () => {
    const seam = fakeSeam([honeywell('/dev/hidraw1', 0x8c), honeywell('/dev/hidraw4', 0x8c)]);
    const scans: HidScan[] = [];
    const driver = new HidScannerDriver({
      seam,
      logger: memoryLogger(),
      onScan: (scan) => scans.push(scan),
      onProblem: () => undefined,
    });
    driver.scan();
    seam.handles.get('/dev/hidraw4')?.[0].send('VE-0002');
    seam.handles.get('/dev/hidraw1')?.[0].send('Phạm Thị Hồng');
    expect(scans.map((s) => [s.scannerId, s.text])).toEqual([
      ['/dev/hidraw4', 'VE-0002'],
      ['/dev/hidraw1', 'Phạm Thị Hồng'],
    ]);
  });

  it('closes on a read error (unplug) and re-opens on a later enumeration after a backoff', () => {
    let now = 0;
    const seam = fakeSeam([honeywell('/dev/hidraw1', 0x8c)]);
    const scans: string[] = [];
    const driver = new HidScannerDriver({
      seam,
      logger: memoryLogger(),
      onScan: (scan) => scans.push(scan.text),
      onProblem: () => undefined,
      now: () => now,
    });
    driver.scan();
    const first = seam.handles.get('/dev/hidraw1')?.[0] as FakeHandle;
    first.emit('error', new Error('could not read from HID device'));
    expect(first.closed).toBe(true);
    expect(driver.status()[0].connected).toBe(false);
    driver.scan();
    expect(seam.handles.get('/dev/hidraw1')).toHaveLength(1);
    now = 1500;
    driver.scan();
    const second = seam.handles.get('/dev/hidraw1')?.[1] as FakeHandle;
    second.send('AFTER-REPLUG');
    expect(scans).toEqual(['AFTER-REPLUG']);
  });

  it('backs off longer while a scanner keeps failing to open', () => {
    let now = 0;
    const seam = fakeSeam([honeywell('/dev/hidraw1', 0x8c)]);
    seam.failOpen.add('/dev/hidraw1');
    const driver = new HidScannerDriver({
      seam,
      logger: memoryLogger(),
      onScan: () => undefined,
      onProblem: () => undefined,
      now: () => now,
    });
    const attemptsAt: number[] = [];
    const open = seam.open;
    seam.open = (path) => {
      attemptsAt.push(now);
      return open(path);
    };
    for (now = 0; now <= 20_000; now += 500) driver.scan();
    expect(attemptsAt.slice(0, 4)).toEqual([0, 1000, 3000, 7000]);
  });

  it('passes malformed reports on as problems', () => {
    const seam = fakeSeam([honeywell('/dev/hidraw1', 0x8c)]);
    const problems: string[] = [];
    const driver = new HidScannerDriver({
      seam,
      logger: memoryLogger(),
      onScan: () => undefined,
      onProblem: (_id, message) => problems.push(message),
    });
    driver.scan();
    seam.handles.get('/dev/hidraw1')?.[0].emit('data', Buffer.from([2, 9, 9]));
    expect(problems).toEqual([expect.stringContaining('short report')]);
  });
});
