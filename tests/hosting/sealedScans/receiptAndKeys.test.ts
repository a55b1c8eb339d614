import { describe, expect, it } from 'vitest';
import {
  checkReceipt,
  deviceKeyFingerprint,
  districtKeyFromStored,
  enrollProofMessage,
  isDevicePublicKey,
  newDeviceKeyPair,
  newDistrictKeyPair,
  parseDistrictKey,
  receiptText,
  signMessage,
  storedDistrictKey,
  verifyMessage,
} from '../../../hosting/sealedScans';
import { enrollmentText, parseEnrollmentText } from '../../../shared/district';

const now = new Date('2026-12-02T07:00:00Z');
const district = newDistrictKeyPair(now);
const rotated = newDistrictKeyPair(new Date('2027-01-01T00:00:00Z'));
const forger = newDistrictKeyPair(now);
const device = newDeviceKeyPair();
const fingerprint = deviceKeyFingerprint(device.publicKey);
const EXPORT = 'Ab3dEf6hIj9lMn2pQr5tUv';

describe('the district key', () => {
  it('travels in the setup sheet QR with the code and the address, and reads back whole', () => {
    const text = enrollmentText('ABCDEFGH12', 'https://kiosk.lyson.example.gov.vn', district.publicKey.text);
    const parsed = parseEnrollmentText(text);
    expect(parsed).toEqual({
      code: 'ABCDEFGH12',
      serverUrl: 'https://kiosk.lyson.example.gov.vn',
      districtKey: district.publicKey.text,
    });
    expect(parseDistrictKey(parsed?.districtKey ?? '')?.id).toBe(district.publicKey.id);
    // Sheets printed before the key existed still read.
    expect(parseEnrollmentText('KIOSK-ENROLL:ABCDEFGH12@http://10.0.0.5:8700')?.districtKey).toBeNull();
  });

  it('is stored and read back, and a stored pair whose halves do not match is refused', () => {
    const stored = storedDistrictKey(district);
    expect(districtKeyFromStored(stored).publicKey.id).toBe(district.publicKey.id);
    expect(() => districtKeyFromStored({ ...stored, signPrivate: storedDistrictKey(forger).signPrivate })).toThrow(
      /do not match/,
    );
    expect(parseDistrictKey('dk1.short.key')).toBeNull();
  });
});

describe('the device key', () => {
  it('proves the kiosk holds it at enrollment; another code or key does not verify', () => {
    const proof = signMessage(device.privateKey, enrollProofMessage('abcdefgh12'));
    expect(isDevicePublicKey(device.publicKey)).toBe(true);
    expect(verifyMessage(device.publicKey, enrollProofMessage('ABCDEFGH12'), proof)).toBe(true);
    expect(verifyMessage(device.publicKey, enrollProofMessage('ABCDEFGH13'), proof)).toBe(false);
    expect(verifyMessage(newDeviceKeyPair().publicKey, enrollProofMessage('ABCDEFGH12'), proof)).toBe(false);
    expect(verifyMessage(device.publicKey, enrollProofMessage('ABCDEFGH12'), 'not-a-signature')).toBe(false);
  });
});

describe('the receipt', () => {
  const text = receiptText(district, {
    deviceFingerprint: fingerprint,
    exportId: EXPORT,
    seqThrough: 12_445,
    issuedAt: now,
  });

  it('is read by the kiosk it names, with the district keys it knows (an older one too)', () => {
    expect(checkReceipt(text, [district.publicKey], fingerprint)).toEqual({
      ok: true,
      receipt: { deviceFingerprint: fingerprint, exportId: EXPORT, seqThrough: 12_445, issuedAt: now },
    });
    expect(checkReceipt(text, [rotated.publicKey, district.publicKey], fingerprint).ok).toBe(true);
  });

  it('is refused at another kiosk, when forged, when its number is changed, or when it is something else', () => {
    const other = deviceKeyFingerprint(newDeviceKeyPair().publicKey);
    expect(checkReceipt(text, [district.publicKey], other)).toEqual({ ok: false, reason: 'other-kiosk' });
    const forged = receiptText(forger, {
      deviceFingerprint: fingerprint,
      exportId: EXPORT,
      seqThrough: 99_999,
      issuedAt: now,
    });
    expect(checkReceipt(forged, [district.publicKey], fingerprint)).toEqual({ ok: false, reason: 'forged' });
    const raised = text.replace('.12445.', '.99999.');
    expect(checkReceipt(raised, [district.publicKey], fingerprint)).toEqual({ ok: false, reason: 'forged' });
    const otherExport = text.replace(`.${EXPORT}.`, '.Zz3dEf6hIj9lMn2pQr5tUv.');
    expect(checkReceipt(otherExport, [district.publicKey], fingerprint)).toEqual({ ok: false, reason: 'forged' });
    for (const garbage of ['', 'KIOSK-ENROLL:ABCDEFGH12', '037188000123', `${text}x`])
      expect(checkReceipt(garbage, [district.publicKey], fingerprint)).toEqual({ ok: false, reason: 'not-a-receipt' });
  });
});
