/**
 * A private copy of a file to import, made before anything of it is read. An import reads its file
 * several times by path (the signature over the whole file, the whole-file check, then the batches):
 * a file someone can still change (on a USB stick, in a shared folder) could pass the signature and
 * then be swapped for other bytes before its batches are read. The copy lives in a folder of its
 * own (0700) in the OS temporary folder, is readable by this user only (0600), and is removed
 * afterwards, as the HTTP route's upload is (`routes/imports.ts`).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** The prefix of the copy's folder in the OS temporary folder. */
export const PRIVATE_COPY_PREFIX = 'district-import-copy-';

/** Runs `work` on a private copy of `file`; the copy is removed when `work` settles. */
export async function withPrivateCopy<T>(file: string, work: (copy: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), PRIVATE_COPY_PREFIX));
  try {
    const copy = path.join(folder, 'scans.kiosk-scans');
    await pipeline(createReadStream(file), createWriteStream(copy, { flags: 'wx', mode: 0o600 }));
    return await work(copy);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
