/**
 * The sealed scan file a kiosk with no network exports to a USB stick and the district imports.
 *
 * Layout: the magic line `KIOSK-SCANS/1\n`, one line of readable header JSON (venue, device, scan
 * count, first and last time, sequence range: never personal data), then frames
 * `<type byte><uint32 big-endian length><bytes>`: one `enc` frame (HPKE's encapsulated key), data
 * frames and one final data frame (HPKE RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM, through `@hpke/core`; the info binds the header, each frame's AAD its
 * type, so a reordered, dropped or cut frame does not open), and a signature frame: the device
 * key's Ed25519 signature over the SHA-256 of every byte before it.
 *
 * Sealed inside: the first data frame holds the secrets (the enrollment code of a kiosk set up
 * offline), each further one a batch of scans (JSON, deflated before sealing), as the upload sends
 * them.
 */
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import { z } from 'zod';
import { MAX_BATCH_SCANS } from '../../shared/district';
import { signMessage, verifyMessage, type DeviceKeyPair, type DistrictKeyPair, type DistrictPublicKey } from './keys';

export const SCAN_FILE_MAGIC = 'KIOSK-SCANS/1';
/** The file name's extension. */
export const SCAN_FILE_EXTENSION = '.kiosk-scans';

/** The readable header: what the file holds, without any personal data. */
export interface ScanFileHeader {
  readonly format: 1;
  /**
   * This export's own id (random, made when the file is written): the district's receipt names it,
   * and the kiosk takes a receipt only for an export it made (not one from before a database reset).
   */
  readonly exportId: string;
  readonly createdAt: string;
  /** Which district key the file is sealed to (`DistrictPublicKey.id`). */
  readonly districtKeyId: string;
  /** The kiosk's device public key (base64url), which signed the file. */
  readonly devicePublicKey: string;
  /** The district's id for the kiosk; null for a kiosk set up offline that has never enrolled. */
  readonly deviceId: string | null;
  readonly deviceName: string;
  /** The district's venue id; null for a kiosk set up offline. */
  readonly venueId: string | null;
  readonly venueName: string;
  readonly scanCount: number;
  /** Lowest and highest kiosk sequence number in the file (null: no scan). */
  readonly seqFrom: number | null;
  readonly seqTo: number | null;
  readonly firstScannedAt: string | null;
  readonly lastScannedAt: string | null;
}

const HeaderSchema = z.object({
  format: z.literal(1),
  exportId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  createdAt: z.string().max(40),
  districtKeyId: z.string().regex(/^[0-9a-f]{16}$/),
  devicePublicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  deviceId: z.string().max(64).nullable(),
  deviceName: z.string().max(200),
  venueId: z.string().max(64).nullable(),
  venueName: z.string().max(400),
  scanCount: z.number().int().min(0),
  seqFrom: z.number().int().positive().nullable(),
  seqTo: z.number().int().positive().nullable(),
  firstScannedAt: z.string().max(40).nullable(),
  lastScannedAt: z.string().max(40).nullable(),
});

/** What travels sealed besides the scans. */
export interface ScanFileSecrets {
  /** The enrollment code of a kiosk set up offline from a setup sheet (the district redeems it for the device key). */
  readonly enrollmentCode: string | null;
}

const SecretsSchema = z.object({ enrollmentCode: z.string().max(64).nullable() });

export interface WriteScanFileOptions {
  readonly header: Omit<ScanFileHeader, 'format' | 'exportId' | 'districtKeyId' | 'devicePublicKey'>;
  readonly districtKey: DistrictPublicKey;
  readonly deviceKey: DeviceKeyPair;
  readonly secrets: ScanFileSecrets;
  /** The scans in batches (each at most `MAX_BATCH_SCANS`), in seq order, as the uploader builds them. */
  readonly batches: AsyncIterable<readonly unknown[]>;
  /** Called after each batch with the scans written so far. */
  readonly onProgress?: (scansWritten: number) => void;
}

/** Frame types. A data frame's type is its AEAD's associated data: the final one cannot pass for another. */
const FRAME = { enc: 1, data: 2, finalData: 3, signature: 4 } as const;
const FRAME_HEAD_BYTES = 5;
/**
 * Longest header line; longest frame (a batch of 5,000 scans deflates to well under 2 MiB); longest
 * batch once inflated (5,000 scans of the longest fields are under 20 MiB): a crafted file cannot make
 * the district hold more than that at once, however it was signed.
 */
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

function frameHead(type: number, length: number): Buffer {
  const head = Buffer.alloc(FRAME_HEAD_BYTES);
  head[0] = type;
  head.writeUInt32BE(length, 1);
  return head;
}

/** HPKE's info: the format and the header's bytes, so a changed header opens nothing. */
function hpkeInfo(headerBytes: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from('kiosk-scans/1 info '), createHash('sha256').update(headerBytes).digest()]);
}

/** What the device key signs: the digest of every byte before the signature frame. */
function signedMessage(digest: Buffer): Uint8Array {
  return Buffer.concat([Buffer.from('kiosk-scans/1 signature '), digest]);
}

/**
 * Writes a sealed scan file to `path` (through a temporary name, renamed when complete and synced).
 * Answers its size and the export id it was given.
 */
export async function writeScanFile(
  target: string,
  options: WriteScanFileOptions,
): Promise<{ bytes: number; exportId: string }> {
  const header: ScanFileHeader = {
    format: 1,
    exportId: randomBytes(16).toString('base64url'),
    districtKeyId: options.districtKey.id,
    devicePublicKey: options.deviceKey.publicKey,
    ...options.header,
  };
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(temporary, 'wx', 0o600);
  const digest = createHash('sha256');
  let bytes = 0;
  const write = async (chunk: Uint8Array, signed = true): Promise<void> => {
    if (signed) digest.update(chunk);
    await handle.write(chunk);
    bytes += chunk.length;
  };
  try {
    const headerBytes = Buffer.from(`${SCAN_FILE_MAGIC}\n${JSON.stringify(header)}\n`, 'utf8');
    if (headerBytes.length > MAX_HEADER_BYTES) throw new Error('scan file: header too long');
    await write(headerBytes);
    const sender = await suite.createSenderContext({
      recipientPublicKey: await suite.kem.deserializePublicKey(options.districtKey.sealKey),
      info: hpkeInfo(headerBytes),
    });
    await write(Buffer.concat([frameHead(FRAME.enc, sender.enc.byteLength), Buffer.from(sender.enc)]));
    const writeSealed = async (type: number, plain: Uint8Array): Promise<void> => {
      const sealed = Buffer.from(await sender.seal(plain, Uint8Array.of(type)));
      await write(Buffer.concat([frameHead(type, sealed.length), sealed]));
    };
    // Each frame waits for the next: only the last one written is the final frame.
    let held: Uint8Array = Buffer.from(JSON.stringify(options.secrets), 'utf8');
    let written = 0;
    for await (const batch of options.batches) {
      if (batch.length === 0) continue;
      await writeSealed(FRAME.data, held);
      held = await deflate(Buffer.from(JSON.stringify(batch), 'utf8'));
      written += batch.length;
      options.onProgress?.(written);
    }
    await writeSealed(FRAME.finalData, held);
    if (written !== header.scanCount)
      throw new Error(`scan file: the header says ${header.scanCount} scans, ${written} were written`);
    const signature = Buffer.from(
      signMessage(options.deviceKey.privateKey, signedMessage(digest.digest())),
      'base64url',
    );
    await write(Buffer.concat([frameHead(FRAME.signature, signature.length), signature]), false);
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
    await syncFolder(path.dirname(target));
    return { bytes, exportId: header.exportId };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Makes a rename durable (a USB stick pulled right after "done" keeps the file). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** A venue name in ASCII for a file name: accents dropped, đ as d, anything else a dash. */
function asciiSlug(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'diem';
}

/**
 * The file name that says what it is, in ASCII (any stick's file system takes it):
 * `quet-<venue>-<export date>-<time>-<count>-luot.kiosk-scans` ("lượt quét": scans).
 */
export function scanFileName(header: Pick<ScanFileHeader, 'venueName' | 'createdAt' | 'scanCount'>): string {
  const stamp = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(header.createdAt);
  const when = stamp ? `${stamp[1]}${stamp[2]}${stamp[3]}-${stamp[4]}${stamp[5]}` : 'khong-ngay';
  return `quet-${asciiSlug(header.venueName)}-${when}-${header.scanCount}-luot${SCAN_FILE_EXTENSION}`;
}

/** Why a file was refused. */
export type ScanFileProblem =
  /** Not this format at all (no magic line). */
  | 'not-a-scan-file'
  /** Cut short (no signature frame, or a frame longer than what is left). */
  | 'truncated'
  /** The device signature does not verify: a byte changed. */
  | 'bad-signature'
  /** Sealed to a district key this server does not hold (another district's). */
  | 'other-district'
  /** This format, but its header or frames are not what a kiosk writes, or a frame does not open. */
  | 'damaged';

export class ScanFileError extends Error {
  constructor(
    readonly problem: ScanFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ScanFileError';
  }
}

interface Located {
  readonly header: ScanFileHeader;
  readonly headerBytes: Buffer;
  readonly size: number;
}

/** Reads the magic and the header line; throws `ScanFileError`. */
async function locateHeader(handle: FileHandle): Promise<Located> {
  const { size } = await handle.stat();
  const start = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES + SCAN_FILE_MAGIC.length + 2));
  await handle.read(start, 0, start.length, 0);
  if (!start.subarray(0, SCAN_FILE_MAGIC.length + 1).equals(Buffer.from(`${SCAN_FILE_MAGIC}\n`)))
    throw new ScanFileError('not-a-scan-file', 'not a kiosk scan file');
  const end = start.indexOf(0x0a, SCAN_FILE_MAGIC.length + 1);
  if (end < 0)
    throw size < start.length || size <= MAX_HEADER_BYTES
      ? new ScanFileError('truncated', 'the file ends inside its header')
      : new ScanFileError('damaged', 'the header is too long');
  let header: ScanFileHeader;
  try {
    header = HeaderSchema.parse(JSON.parse(start.subarray(SCAN_FILE_MAGIC.length + 1, end).toString('utf8')));
  } catch {
    throw new ScanFileError('damaged', 'the header is not a kiosk scan file header');
  }
  return { header, headerBytes: Buffer.from(start.subarray(0, end + 1)), size };
}

interface Frame {
  readonly type: number;
  readonly payload: Buffer;
  /** Offset of the frame's head. */
  readonly at: number;
}

/** The frames after the header, in order, ending with the signature frame (which must end the file). */
async function* framesOf(handle: FileHandle, from: number, size: number): AsyncGenerator<Frame> {
  let at = from;
  const head = Buffer.alloc(FRAME_HEAD_BYTES);
  for (;;) {
    if (at === size) throw new ScanFileError('truncated', 'the file ends before its signature');
    if (size - at < FRAME_HEAD_BYTES) throw new ScanFileError('truncated', 'the file ends inside a frame');
    await handle.read(head, 0, FRAME_HEAD_BYTES, at);
    const type = head[0];
    const length = head.readUInt32BE(1);
    if (type < FRAME.enc || type > FRAME.signature || length > MAX_FRAME_BYTES)
      throw new ScanFileError('damaged', `a frame at byte ${at} is not one a kiosk writes`);
    if (size - at - FRAME_HEAD_BYTES < length) throw new ScanFileError('truncated', 'the file ends inside a frame');
    const payload = Buffer.alloc(length);
    await handle.read(payload, 0, length, at + FRAME_HEAD_BYTES);
    yield { type, payload, at };
    at += FRAME_HEAD_BYTES + length;
    if (type === FRAME.signature) {
      if (at !== size) throw new ScanFileError('damaged', 'bytes follow the signature');
      return;
    }
  }
}

/** Reads only the readable header (no key needed); throws `ScanFileError`. */
export async function readScanFileHeader(file: string): Promise<ScanFileHeader> {
  const handle = await open(file, 'r');
  try {
    return (await locateHeader(handle)).header;
  } finally {
    await handle.close();
  }
}

export interface OpenedScanFile {
  readonly header: ScanFileHeader;
  readonly secrets: ScanFileSecrets;
  /** The scans, batch by batch, as sent (unvalidated: the ingest validates each scan as it does an upload's). */
  batches(): AsyncIterable<unknown[]>;
}

async function recipientKeyOf(pair: DistrictKeyPair): ReturnType<typeof suite.kem.importKey> {
  const jwk = createPrivateKey({ key: Buffer.from(pair.sealPrivate, 'base64'), format: 'der', type: 'pkcs8' }).export({
    format: 'jwk',
  });
  return suite.kem.importKey('jwk', jwk as Parameters<typeof suite.kem.importKey>[1], false);
}

/** The sealed frames opened in order: the secrets first, then each batch's deflated JSON. */
async function* openedFrames(
  handle: FileHandle,
  located: Located,
  pair: DistrictKeyPair,
): AsyncGenerator<{ readonly plain: Buffer; readonly final: boolean }> {
  const frames = framesOf(handle, located.headerBytes.length, located.size);
  const first = await frames.next();
  if (first.done || first.value.type !== FRAME.enc)
    throw new ScanFileError('damaged', 'the sealed key frame is missing');
  let recipient;
  try {
    recipient = await suite.createRecipientContext({
      recipientKey: await recipientKeyOf(pair),
      enc: first.value.payload,
      info: hpkeInfo(located.headerBytes),
    });
  } catch {
    throw new ScanFileError('damaged', 'the sealed key does not open');
  }
  let ended = false;
  for await (const frame of frames) {
    if (frame.type === FRAME.signature) break;
    if (ended || (frame.type !== FRAME.data && frame.type !== FRAME.finalData))
      throw new ScanFileError('damaged', `a frame at byte ${frame.at} is out of place`);
    let plain: Buffer;
    try {
      plain = Buffer.from(await recipient.open(frame.payload, Uint8Array.of(frame.type)));
    } catch {
      throw new ScanFileError('damaged', `the frame at byte ${frame.at} does not open`);
    }
    ended = frame.type === FRAME.finalData;
    yield { plain, final: ended };
  }
  if (!ended) throw new ScanFileError('truncated', 'the final frame is missing');
}

/**
 * Opens a file with the district's key pairs (current and older): checks the magic, the header, the
 * district key, the device signature over the whole file, and opens the secrets. `batches()` then
 * reads the file again, frame by frame (a file of a million scans never sits in memory). Throws
 * `ScanFileError`.
 */
export async function openScanFile(file: string, districtKeys: readonly DistrictKeyPair[]): Promise<OpenedScanFile> {
  const handle = await open(file, 'r');
  try {
    const located = await locateHeader(handle);
    const pair = districtKeys.find((key) => key.publicKey.id === located.header.districtKeyId);
    if (!pair) throw new ScanFileError('other-district', 'the file is sealed to another district key');
    const digest = createHash('sha256').update(located.headerBytes);
    let signature: Buffer | null = null;
    for await (const frame of framesOf(handle, located.headerBytes.length, located.size)) {
      if (frame.type === FRAME.signature) signature = frame.payload;
      else digest.update(frameHead(frame.type, frame.payload.length)).update(frame.payload);
    }
    const signed =
      signature !== null &&
      verifyMessage(located.header.devicePublicKey, signedMessage(digest.digest()), signature.toString('base64url'));
    if (!signed) throw new ScanFileError('bad-signature', "the kiosk's signature does not match the file");
    const opened = openedFrames(handle, located, pair);
    const secretsFrame = await opened.next();
    await opened.return(undefined);
    const secrets = secretsFrame.done ? null : SecretsSchema.safeParse(parseJson(secretsFrame.value.plain));
    if (!secrets?.success) throw new ScanFileError('damaged', 'the sealed secrets are not readable');
    return { header: located.header, secrets: secrets.data, batches: () => batchesOf(file, pair) };
  } finally {
    await handle.close();
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function* batchesOf(file: string, pair: DistrictKeyPair): AsyncGenerator<unknown[]> {
  const handle = await open(file, 'r');
  try {
    const located = await locateHeader(handle);
    let first = true;
    for await (const { plain } of openedFrames(handle, located, pair)) {
      if (first) {
        first = false;
        continue;
      }
      let batch: unknown;
      try {
        batch = JSON.parse((await inflate(plain, { maxOutputLength: MAX_BATCH_BYTES })).toString('utf8'));
      } catch {
        batch = undefined;
      }
      if (!Array.isArray(batch) || batch.length > MAX_BATCH_SCANS)
        throw new ScanFileError('damaged', 'a sealed batch is not a list of at most 5,000 scans');
      yield batch;
    }
  } finally {
    await handle.close();
  }
}
