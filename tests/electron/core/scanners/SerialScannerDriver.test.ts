/** A real serial line: socat makes a pty pair; the test is the scanner on one end. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil } from '../../../support/waitUntil';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/log';
import { SerialScannerDriver } from '../../../../electron/core/scanners/SerialScannerDriver';

let socat: ChildProcess | null = null;
let driver: SerialScannerDriver | null = null;

afterEach(async () => {
  await driver?.stop();
  socat?.kill('SIGKILL');
});

async function startPtyPair(dir: string): Promise<{ scannerEnd: string; kioskEnd: string }> {
  const scannerEnd = path.join(dir, 'scanner');
  const kioskEnd = path.join(dir, 'kiosk');
  socat = spawn('socat', [`pty,raw,echo=0,link=${scannerEnd}`, `pty,raw,echo=0,link=${kioskEnd}`], { stdio: 'ignore' });
  await waitUntil(() => existsSync(scannerEnd) && existsSync(kioskEnd), 'socat pty pair');
  return { scannerEnd, kioskEnd };
}

function write(device: string, ...chunks: Buffer[]): void {
  const fd = openSync(device, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

describe('SerialScannerDriver over a socat pty pair', () => {
  it('reads lines ended by CR LF, CR or LF, with UTF-8 split across writes kept whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-serial-'));
    const { scannerEnd, kioskEnd } = await startPtyPair(dir);
    const scans: string[] = [];
    driver = new SerialScannerDriver({
      path: kioskEnd,
      logger: memoryLogger(),
      onScan: (scan) => scans.push(scan.text),
    });
    driver.start();
    await waitUntil(() => driver?.status().connected === true, 'the driver to open the port');
    const name = Buffer.from('037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3|09092021\r\n');
    // 'ạ' is three bytes (E1 BA A1): the first write ends after its first byte.
    const split = name.indexOf(Buffer.from('ạ')) + 1;
    expect(name.subarray(split - 1, split + 2)).toEqual(Buffer.from([0xe1, 0xba, 0xa1]));
    expect(driver.status().lastReadAt).toBeNull();
    write(scannerEnd, name.subarray(0, split));
    // The second write goes only once the driver has read from the first: the character is split across reads.
    await waitUntil(() => driver?.status().lastReadAt !== null, 'the driver to read the first half');
    expect(scans).toEqual([]);
    write(scannerEnd, name.subarray(split), Buffer.from('VE-0001\rVE-0002\n'));
    await waitUntil(() => scans.length === 3, 'three scans');
    expect(scans).toEqual(['037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3|09092021', 'VE-0001', 'VE-0002']);
  });

  it('reconnects after the scanner is unplugged and plugged back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-serial-'));
    const first = await startPtyPair(dir);
    const scans: string[] = [];
    driver = new SerialScannerDriver({
      path: first.kioskEnd,
      logger: memoryLogger(),
      onScan: (scan) => scans.push(scan.text),
      reconnectMinMs: 100,
      reconnectMaxMs: 400,
    });
    driver.start();
    await waitUntil(() => driver?.status().connected === true, 'first connection');
    socat?.kill('SIGKILL');
    await waitUntil(() => driver?.status().connected === false, 'the unplug to be seen');
    const again = await startPtyPair(dir);
    await waitUntil(() => driver?.status().connected === true, 'reconnection');
    write(again.scannerEnd, Buffer.from('AFTER-REPLUG\r\n'));
    await waitUntil(() => scans.length === 1, 'a scan after replug');
    expect(scans).toEqual(['AFTER-REPLUG']);
  });
});
