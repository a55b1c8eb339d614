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
import type { DeviceKeyPair, DistrictKeyPair, DistrictPublicKey } from './keys';

export const SCAN_FILE_MAGIC = 'KIOSK-SCANS/1';
/** The file name's extension. */
export const SCAN_FILE_EXTENSION = '.kiosk-scans';

/** The readable header: what the file holds, without any personal data. */
export interface ScanFileHeader {
  readonly format: 1;
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

/** What travels sealed besides the scans. */
export interface ScanFileSecrets {
  /** The enrollment code of a kiosk set up offline from a setup sheet (the district redeems it for the device key). */
  readonly enrollmentCode: string | null;
}

export interface WriteScanFileOptions {
  readonly header: Omit<ScanFileHeader, 'format' | 'districtKeyId' | 'devicePublicKey'>;
  readonly districtKey: DistrictPublicKey;
  readonly deviceKey: DeviceKeyPair;
  readonly secrets: ScanFileSecrets;
  /** The scans in batches (each at most `MAX_BATCH_SCANS`), in seq order, as the uploader builds them. */
  readonly batches: AsyncIterable<readonly unknown[]>;
  /** Called after each batch with the scans written so far. */
  readonly onProgress?: (scansWritten: number) => void;
}

/** Writes a sealed scan file to `path` (through a temporary name, renamed when complete and synced). */
export async function writeScanFile(path: string, options: WriteScanFileOptions): Promise<{ bytes: number }> {
  void path;
  void options;
  throw new Error('writeScanFile: not yet');
}

/** The file name that says what it is: `quet-<venue>-<first day>-<count>-luot.kiosk-scans` (ASCII). */
export function scanFileName(
  header: Pick<ScanFileHeader, 'venueName' | 'firstScannedAt' | 'lastScannedAt' | 'scanCount'>,
): string {
  void header;
  throw new Error('scanFileName: not yet');
}

/** Why a file was refused. */
export type ScanFileProblem =
  /** Not this format at all (no magic line, or a header that does not parse). */
  | 'not-a-scan-file'
  /** Cut short (no signature frame, or a frame longer than what is left). */
  | 'truncated'
  /** The device signature does not verify: a byte changed. */
  | 'bad-signature'
  /** Sealed to a district key this server does not hold (another district's). */
  | 'other-district'
  /** Signed, but a frame does not open or holds something else (a kiosk fault). */
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

/** Reads only the readable header (no key needed); throws `ScanFileError`. */
export async function readScanFileHeader(path: string): Promise<ScanFileHeader> {
  void path;
  throw new Error('readScanFileHeader: not yet');
}

export interface OpenedScanFile {
  readonly header: ScanFileHeader;
  readonly secrets: ScanFileSecrets;
  /** The scans, batch by batch, as sent (unvalidated: the ingest validates each scan as it does an upload's). */
  batches(): AsyncIterable<unknown[]>;
}

/**
 * Opens a file with the district's key pairs (current and older): checks the magic, the header, the
 * device signature over the whole file and the district key, and opens the secrets. `batches()`
 * then reads the file a second time, frame by frame (a file of a million scans never sits in
 * memory). Throws `ScanFileError`.
 */
export async function openScanFile(path: string, districtKeys: readonly DistrictKeyPair[]): Promise<OpenedScanFile> {
  void path;
  void districtKeys;
  throw new Error('openScanFile: not yet');
}
