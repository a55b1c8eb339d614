/**
 * The text of a district enrollment QR, shared by the server (which prints it) and the kiosk (which
 * scans or is given it): `KIOSK-ENROLL:<code>[@<server base URL>]`. Re-exported by `district.ts`;
 * kept in its own file so the pure decoders can import it without the district's schemas.
 */

/** Prefix of this product's enrollment QR. */
export const ENROLLMENT_PREFIX = 'KIOSK-ENROLL:';

/** The enrollment QR text for a code, with the server's public URL when one is known. */
export function enrollmentText(code: string, serverUrl?: string): string {
  return `${ENROLLMENT_PREFIX}${code}${serverUrl ? `@${serverUrl}` : ''}`;
}

/** A code as typed (`CODE`) or scanned (`KIOSK-ENROLL:CODE@URL`); null when it is neither. */
export function parseEnrollmentText(text: string): { readonly code: string; readonly serverUrl: string | null } | null {
  const match = /^(?:KIOSK-ENROLL:)?([0-9A-Za-z]{6,32})(?:@(https?:\/\/\S+))?$/.exec(text.trim());
  return match ? { code: match[1], serverUrl: match[2] ?? null } : null;
}
