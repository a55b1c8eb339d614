/**
 * A small file kept beside the database as a reserve of disk space. When the disk fills (often with
 * the WAL itself), the reserve is given back, so SQLite has room to checkpoint the WAL into the
 * database and truncate it, and the kiosk goes back to recording by itself. It is made again once
 * writes work.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WalCheckpointer } from './WalCheckpointer';

/** Size of the reserve, bytes: room for a checkpoint of a few seconds of scans. */
export const DISK_RESERVE_BYTES = 256 * 1024;
const RESERVE_FILE = 'disk-reserve.bin';

/** Makes the reserve if it is missing and there is room; never throws. */
export function keepDiskReserve(dataDir: string): void {
  const file = path.join(dataDir, RESERVE_FILE);
  if (existsSync(file)) return;
  try {
    writeFileSync(file, Buffer.alloc(DISK_RESERVE_BYTES), { mode: 0o600 });
  } catch {
    rmSync(file, { force: true });
  }
}

/** Gives the reserve back; answers whether there was one. */
export function releaseDiskReserve(dataDir: string): boolean {
  const file = path.join(dataDir, RESERVE_FILE);
  if (!existsSync(file)) return false;
  try {
    rmSync(file, { force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The disk is full: give back the reserve so the WAL can be checkpointed into the database and
 * truncated. Answers whether anything was freed. The caller writes first and puts the reserve aside
 * again afterwards ({@link keepDiskReserve}), so the freed space serves the waiting scan first.
 */
export function freeDiskSpace(dataDir: string, checkpointer: WalCheckpointer): boolean {
  const released = releaseDiskReserve(dataDir);
  const truncated = checkpointer.checkpoint('TRUNCATE');
  return released || truncated;
}
