/**
 * How the district keeps a secret it only needs to recognise later (an enrollment code, a device
 * token, a session id, the admin token): its SHA-256, hex. One function for every layer that hashes
 * one (the HTTP layer checking a token, an import redeeming the code a kiosk's file carries), so a
 * code hashed by one is found by the other.
 */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
