/**
 * Enrollment: a district code (typed, or scanned as `KIOSK-ENROLL:CODE@URL`) is redeemed with the
 * server for this device's credentials, which are kept in the settings (the token never leaves
 * the core). A kiosk enrolled before (revoked, or moved to another venue) enrolls the same way; its
 * unsent scans go under the new enrollment only when the district made the code so.
 */
import { createHash } from 'node:crypto';
import { parseEnrollmentText } from '../../../shared/district';
import { KioskMethodError } from '../../../shared/contract';
import type { Logger } from '../log';
import type { SqliteDatabase } from '../store/openDatabase';
import { enrollProofMessage, signMessage } from '../../../hosting/sealedScans/keys';
import { keyForEnrollment, rememberDistrictKey } from '../handover/kioskKeys';
import { deleteSetting, readSetting, writeSetting, type DeviceCredentials } from '../store/settingsStore';
import { countScansInSeqRange, readHighestSeq, readUploadCursor, writeUploadCursor } from '../store/uploadQueries';
import { postEnrollment } from './DistrictClient';

export interface EnrollmentRequest {
  /** The code as typed or scanned. */
  readonly codeText: string;
  /** The server's base URL when the code does not carry one. */
  readonly serverUrl: string | undefined;
  readonly deviceName: string;
  readonly appVersion: string;
  readonly timeoutMs: number;
}

/** What a redeemed code did: the credentials, and how many unsent scans stay on this kiosk only. */
export interface EnrollmentOutcome {
  readonly credentials: DeviceCredentials;
  readonly keptUnsent: number;
}

/** The code alone (upper case, no prefix or address), or null when the text holds none. */
export function enrollmentCodeOf(codeText: string): string | null {
  return parseEnrollmentText(codeText)?.code.toUpperCase() ?? null;
}

/** SHA-256 of a code: what the kiosk keeps to know the code it used (the code itself is a one-time secret). */
export function enrollmentCodeHash(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}

/** Redeems the code and keeps the credentials. Throws {@link KioskMethodError} with words for the operator. */
export async function enrollDevice(
  db: SqliteDatabase,
  request: EnrollmentRequest,
  logger: Logger,
): Promise<EnrollmentOutcome> {
  const parsed = parseEnrollmentText(request.codeText);
  const serverUrl = (parsed?.serverUrl ?? request.serverUrl ?? '').replace(/\/+$/, '');
  if (!parsed || !serverUrl)
    throw new KioskMethodError('enroll-failed', 'upload.enroll: need an enrollment code and the server address');
  const code = parsed.code.toUpperCase();
  // The device key goes with the code, signed over it: the district knows this kiosk's files by it.
  const { key: deviceKey, fresh } = keyForEnrollment(db, code);
  const { carryUnsentScans, districtKey, ...enrolled } = await postEnrollment(
    serverUrl,
    {
      code,
      deviceName: request.deviceName,
      appVersion: request.appVersion,
      devicePublicKey: deviceKey.publicKey,
      deviceProof: signMessage(deviceKey.privateKey, enrollProofMessage(code)),
    },
    request.timeoutMs,
  );
  const credentials: DeviceCredentials = {
    serverUrl,
    ...enrolled,
    enrollCodeHash: enrollmentCodeHash(code),
    deviceName: request.deviceName,
  };
  // The new credentials and what becomes of the unsent scans in one transaction: a crash between
  // them must not upload the old venue's scans under the new device.
  const enrolledBefore = readSetting(db, 'district-device') !== undefined;
  const keptUnsent = db.transaction((): number => {
    if (fresh) writeSetting(db, 'device-key', deviceKey);
    writeSetting(db, 'district-device', credentials);
    // The sheet's key, then the server's answer (the newer of the two when they differ).
    rememberDistrictKey(db, parsed.districtKey);
    rememberDistrictKey(db, districtKey);
    // A kiosk set up offline is now enrolled: its kept code is spent.
    deleteSetting(db, 'offline-setup');
    // A first enrollment sends what was scanned offline before it (the venue's own scans); a kiosk
    // enrolled before sends them only when the district asked for them on the code.
    if (!enrolledBefore || carryUnsentScans === true) return 0;
    const cursor = readUploadCursor(db);
    const highest = readHighestSeq(db);
    if (highest <= cursor) return 0;
    const kept = readSetting(db, 'kept-unsent') ?? [];
    writeSetting(db, 'kept-unsent', [...kept, { afterSeq: cursor, throughSeq: highest, at: new Date().toISOString() }]);
    writeUploadCursor(db, highest);
    return countScansInSeqRange(db, cursor, highest);
  })();
  logger.info('upload.enroll', 'enrolled with the district server', {
    venueType: enrolled.venueType,
    enrolledBefore,
    keptUnsent,
  });
  return { credentials, keptUnsent };
}
