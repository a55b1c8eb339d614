/**
 * The district's public key as text, `dk1.<X25519 key>.<Ed25519 key>` (each 32 bytes, base64url):
 * the first seals a kiosk's exported scans to the district (HPKE), the second signs the receipts
 * the district gives back. Printed in the setup sheet's QR, sent at enrollment and on every upload.
 * Pure text here (the renderer and the decoders read it); the keys' cryptography is
 * `hosting/sealedScans/`.
 */

/** The key text's shape (without anchors), for patterns that embed it. */
export const DISTRICT_KEY_PATTERN = 'dk1\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}';

/** Whether a text is a district key. */
export function isDistrictKeyText(text: string): boolean {
  return new RegExp(`^${DISTRICT_KEY_PATTERN}$`).test(text);
}
