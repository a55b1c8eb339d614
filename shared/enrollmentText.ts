/**
 * The text of a district enrollment QR, shared by the server (which prints it) and the kiosk (which
 * scans or is given it): `KIOSK-ENROLL:<code>[@<server base URL>][#<district key>]`. The district
 * key (`dk1.…`, see `districtKeyText.ts`) lets a kiosk that has never been online seal its scans to
 * the district. Re-exported by `district.ts`; kept in its own file so the pure decoders can import
 * it without the district's schemas.
 */
import { DISTRICT_KEY_PATTERN } from './districtKeyText';

/** Prefix of this product's enrollment QR. */
export const ENROLLMENT_PREFIX = 'KIOSK-ENROLL:';

/** The enrollment QR text for a code, with the server's public URL and the district key when known. */
export function enrollmentText(code: string, serverUrl?: string | null, districtKey?: string | null): string {
  return `${ENROLLMENT_PREFIX}${code}${serverUrl ? `@${serverUrl}` : ''}${districtKey ? `#${districtKey}` : ''}`;
}

export interface EnrollmentText {
  readonly code: string;
  readonly serverUrl: string | null;
  /** The district's public key text (`dk1.…`), from a setup sheet printed by a server that has one. */
  readonly districtKey: string | null;
}

const ENROLLMENT = new RegExp(
  `^(?:KIOSK-ENROLL:)?([0-9A-Za-z]{6,32})(?:@(https?:\\/\\/[^\\s#]+))?(?:#(${DISTRICT_KEY_PATTERN}))?$`,
);

/** A code as typed (`CODE`) or scanned (`KIOSK-ENROLL:CODE@URL#KEY`); null when it is neither. */
export function parseEnrollmentText(text: string): EnrollmentText | null {
  const match = ENROLLMENT.exec(text.trim());
  return match ? { code: match[1], serverUrl: match[2] ?? null, districtKey: match[3] ?? null } : null;
}
