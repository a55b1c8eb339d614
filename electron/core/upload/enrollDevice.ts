/**
 * Enrollment: a district code (typed, or scanned as `KIOSK-ENROLL:CODE@URL`) is redeemed with the
 * server for this device's credentials, which are kept in the settings (the token never leaves
 * the core).
 */
import { parseEnrollmentText } from '../../../shared/district';
import { KioskMethodError } from '../../../shared/contract';
import type { Logger } from '../log';
import type { SqliteDatabase } from '../store/openDatabase';
import { writeSetting, type DeviceCredentials } from '../store/settingsStore';
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

/** Redeems the code and keeps the credentials. Throws {@link KioskMethodError} with words for the operator. */
export async function enrollDevice(
  db: SqliteDatabase,
  request: EnrollmentRequest,
  logger: Logger,
): Promise<DeviceCredentials> {
  const parsed = parseEnrollmentText(request.codeText);
  const serverUrl = (parsed?.serverUrl ?? request.serverUrl ?? '').replace(/\/+$/, '');
  if (!parsed || !serverUrl)
    throw new KioskMethodError('enroll-failed', 'upload.enroll: need an enrollment code and the server address');
  const enrolled = await postEnrollment(
    serverUrl,
    { code: parsed.code.toUpperCase(), deviceName: request.deviceName, appVersion: request.appVersion },
    request.timeoutMs,
  );
  const credentials: DeviceCredentials = { serverUrl, ...enrolled };
  writeSetting(db, 'district-device', credentials);
  logger.info('upload.enroll', 'enrolled with the district server', { venueType: enrolled.venueType });
  return credentials;
}
