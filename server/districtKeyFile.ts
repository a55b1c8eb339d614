/**
 * The district's key pairs on disk: one JSON file, mode 0600, a list of stored pairs, the current
 * one last. Older pairs stay after a rotation so files kiosks sealed to them still open; kiosks
 * learn the new public key at their next upload. By default `DIR/district-keys.json` in the data
 * folder, made at first start; or a file the operator names (`--district-key-file`), which a
 * PostgreSQL deployment of several processes shares. Private keys are never logged or printed.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  districtKeyFromStored,
  newDistrictKeyPair,
  storedDistrictKey,
  type DistrictKeyPair,
} from '../hosting/sealedScans/keys';

/** The key file's name in the data folder. */
export const DISTRICT_KEY_FILE_NAME = 'district-keys.json';

const StoredKeysSchema = z.object({
  format: z.literal(1),
  keys: z
    .array(
      z.object({
        publicKey: z.string(),
        sealPrivate: z.string(),
        signPrivate: z.string(),
        createdAt: z.string(),
      }),
    )
    .min(1),
});

/** Where the keys are: `--district-key-file`, else the data folder's file; null when neither is given. */
export function districtKeyFilePath(options: { keyFile?: string; dataDir?: string }): string | null {
  if (options.keyFile) return path.resolve(options.keyFile);
  if (options.dataDir) return path.join(path.resolve(options.dataDir), DISTRICT_KEY_FILE_NAME);
  return null;
}

/**
 * Writes the list through a temporary file, synced and renamed, 0600 from its first byte. Its folder
 * is made (0700) when missing: with DATABASE_URL nothing else makes the data folder before the key.
 */
function writeKeys(file: string, keys: readonly DistrictKeyPair[]): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ format: 1, keys: keys.map(storedDistrictKey) }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Reads the list; throws a message naming the file (never its content) when it is not a key list. */
export function readDistrictKeys(file: string): DistrictKeyPair[] {
  const text = readFileSync(file, 'utf8');
  let parsed: z.infer<typeof StoredKeysSchema>;
  try {
    parsed = StoredKeysSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`server: ${file} is not a district key file`);
  }
  try {
    return parsed.keys.map(districtKeyFromStored);
  } catch (error) {
    throw new Error(`server: ${file}: ${error instanceof Error ? error.message : 'a key does not read'}`);
  }
}

/**
 * The district's key pairs, current last: read from `file`, or made and written there when it does
 * not exist yet (the first start). A file readable by others is tightened to 0600.
 */
export function loadDistrictKeys(file: string, now: Date): DistrictKeyPair[] {
  let keys: DistrictKeyPair[];
  try {
    keys = readDistrictKeys(file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    keys = [newDistrictKeyPair(now)];
    writeKeys(file, keys);
  }
  chmodSync(file, 0o600);
  return keys;
}

/** Adds a new current key pair to the file, keeping the older ones; answers the new public key text. */
export function rotateDistrictKey(file: string, now: Date): string {
  const keys = [...loadDistrictKeys(file, now), newDistrictKeyPair(now)];
  writeKeys(file, keys);
  return keys[keys.length - 1].publicKey.text;
}
