/**
 * The keys of the USB hand-over: the district's pair (X25519 to seal to, Ed25519 to sign receipts
 * with) and each kiosk's Ed25519 device key (signs the files it exports). node:crypto only; keys
 * are kept as base64 text (public keys raw 32 bytes base64url, private keys PKCS#8 DER base64).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { isDistrictKeyText } from '../../shared/districtKeyText';

/** The district's public half, as kiosks hold it. */
export interface DistrictPublicKey {
  /** `dk1.<X25519 raw, base64url>.<Ed25519 raw, base64url>`. */
  readonly text: string;
  /** 16 hex digits of the text's SHA-256: which district key a file was sealed to. */
  readonly id: string;
  /** Raw X25519 public key (HPKE recipient). */
  readonly sealKey: Uint8Array;
  /** Ed25519 public key that verifies the district's receipts. */
  readonly signKey: KeyObject;
}

/** The district's key pair as the server keeps it (in its data folder, 0600). */
export interface DistrictKeyPair {
  readonly publicKey: DistrictPublicKey;
  /** X25519 private key, PKCS#8 DER base64. */
  readonly sealPrivate: string;
  /** Ed25519 private key, PKCS#8 DER base64. */
  readonly signPrivate: string;
  readonly createdAt: string;
}

/** The stored form of a district key pair (JSON). */
export interface StoredDistrictKey {
  readonly publicKey: string;
  readonly sealPrivate: string;
  readonly signPrivate: string;
  readonly createdAt: string;
}

/** A kiosk's signing key. */
export interface DeviceKeyPair {
  /** Ed25519 raw public key, base64url (43 characters). */
  readonly publicKey: string;
  /** PKCS#8 DER base64. */
  readonly privateKey: string;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an OKP public key');
  return Buffer.from(jwk.x, 'base64url');
}

function ed25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function privateKeyOf(base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
}

function pkcs8(key: KeyObject): string {
  return key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/** Reads a district key text (`dk1.…`); null when it is not one. */
export function parseDistrictKey(text: string): DistrictPublicKey | null {
  if (!isDistrictKeyText(text)) return null;
  const [, seal, signing] = text.split('.');
  try {
    return {
      text,
      id: createHash('sha256').update(text).digest('hex').slice(0, 16),
      sealKey: new Uint8Array(Buffer.from(seal, 'base64url')),
      signKey: ed25519PublicKey(Buffer.from(signing, 'base64url')),
    };
  } catch {
    return null;
  }
}

/** A new district key pair. */
export function newDistrictKeyPair(now: Date): DistrictKeyPair {
  const seal = generateKeyPairSync('x25519');
  const signing = generateKeyPairSync('ed25519');
  const text = `dk1.${rawPublic(seal.publicKey).toString('base64url')}.${rawPublic(signing.publicKey).toString('base64url')}`;
  const publicKey = parseDistrictKey(text);
  if (!publicKey) throw new Error('district key text did not parse');
  return {
    publicKey,
    sealPrivate: pkcs8(seal.privateKey),
    signPrivate: pkcs8(signing.privateKey),
    createdAt: now.toISOString(),
  };
}

export function storedDistrictKey(pair: DistrictKeyPair): StoredDistrictKey {
  return {
    publicKey: pair.publicKey.text,
    sealPrivate: pair.sealPrivate,
    signPrivate: pair.signPrivate,
    createdAt: pair.createdAt,
  };
}

/** A stored district key pair read back; throws when it is damaged or its halves do not match. */
export function districtKeyFromStored(stored: StoredDistrictKey): DistrictKeyPair {
  const publicKey = parseDistrictKey(stored.publicKey);
  if (!publicKey) throw new Error('district key: the public key is not a dk1 text');
  const seal = privateKeyOf(stored.sealPrivate);
  const signing = privateKeyOf(stored.signPrivate);
  const matches =
    rawPublic(createPublicKey(seal)).equals(Buffer.from(publicKey.sealKey)) &&
    rawPublic(createPublicKey(signing)).equals(rawPublic(publicKey.signKey));
  if (!matches) throw new Error('district key: the private keys do not match the public key');
  return { publicKey, sealPrivate: stored.sealPrivate, signPrivate: stored.signPrivate, createdAt: stored.createdAt };
}

/** A new device key (a kiosk makes one at setup). */
export function newDeviceKeyPair(): DeviceKeyPair {
  const pair = generateKeyPairSync('ed25519');
  return { publicKey: rawPublic(pair.publicKey).toString('base64url'), privateKey: pkcs8(pair.privateKey) };
}

/** Whether a text is a device public key (43 base64url characters that decode to a point). */
export function isDevicePublicKey(text: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return false;
  try {
    ed25519PublicKey(Buffer.from(text, 'base64url'));
    return true;
  } catch {
    return false;
  }
}

/** A short, stable name of a device key (receipts carry it): 22 base64url characters of its SHA-256. */
export function deviceKeyFingerprint(publicKey: string): string {
  return createHash('sha256')
    .update(Buffer.from(publicKey, 'base64url'))
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** Ed25519 signature (base64url, 86 characters) of a message with a PKCS#8 private key. */
export function signMessage(privateKey: string, message: Uint8Array): string {
  return sign(null, message, privateKeyOf(privateKey)).toString('base64url');
}

/** Whether `signature` (base64url) is the key's signature of the message; false for any malformed input. */
export function verifyMessage(publicKey: string | KeyObject, message: Uint8Array, signature: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? ed25519PublicKey(Buffer.from(publicKey, 'base64url')) : publicKey;
    const bytes = Buffer.from(signature, 'base64url');
    return bytes.length === 64 && verify(null, message, key, bytes);
  } catch {
    return false;
  }
}

/** What a kiosk signs at enrollment to show it holds its device key. */
export function enrollProofMessage(code: string): Uint8Array {
  return Buffer.from(`kiosk-enroll/1|${code.trim().toUpperCase()}`, 'utf8');
}
