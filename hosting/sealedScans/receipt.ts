/**
 * The district's receipt for an imported scan file, as a QR the kiosk's own scanner reads:
 * `KIOSK-RECEIPT:1.<device key fingerprint>.<export id>.<seq>.<issued, unix s>.<Ed25519 signature>`.
 * It says the district holds every scan of that export, up to `seq` (the export held every scan the
 * kiosk had not had confirmed, up to its last); the kiosk, which keeps the ids of its own exports,
 * moves its upload cursor there, so those scans are neither uploaded again nor kept past retention.
 * Signed with the district key the file was sealed to: the one the kiosk knows.
 */
import { signMessage, verifyMessage, type DistrictKeyPair, type DistrictPublicKey } from './keys';

export const RECEIPT_PREFIX = 'KIOSK-RECEIPT:';

export interface Receipt {
  readonly deviceFingerprint: string;
  /** The export the receipt answers (`ScanFileHeader.exportId`). */
  readonly exportId: string;
  readonly seqThrough: number;
  readonly issuedAt: Date;
}

function message(receipt: Receipt): Uint8Array {
  const issued = Math.floor(receipt.issuedAt.getTime() / 1000);
  return Buffer.from(
    `kiosk-receipt/1|${receipt.deviceFingerprint}|${receipt.exportId}|${receipt.seqThrough}|${issued}`,
    'utf8',
  );
}

/** The receipt's QR text, signed with the district's current key. */
export function receiptText(district: DistrictKeyPair, receipt: Receipt): string {
  const issued = Math.floor(receipt.issuedAt.getTime() / 1000);
  const signature = signMessage(district.signPrivate, message(receipt));
  return `${RECEIPT_PREFIX}1.${receipt.deviceFingerprint}.${receipt.exportId}.${receipt.seqThrough}.${issued}.${signature}`;
}

export type ReceiptCheck =
  | { readonly ok: true; readonly receipt: Receipt }
  | { readonly ok: false; readonly reason: 'not-a-receipt' | 'other-kiosk' | 'forged' };

/**
 * Checks a scanned receipt against the district keys the kiosk knows (current first) and its own
 * device key's fingerprint.
 */
export function checkReceipt(
  text: string,
  districtKeys: readonly DistrictPublicKey[],
  ownFingerprint: string,
): ReceiptCheck {
  const match =
    /^KIOSK-RECEIPT:1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{86})$/.exec(
      text.trim(),
    );
  if (!match) return { ok: false, reason: 'not-a-receipt' };
  const receipt: Receipt = {
    deviceFingerprint: match[1],
    exportId: match[2],
    seqThrough: Number(match[3]),
    issuedAt: new Date(Number(match[4]) * 1000),
  };
  if (receipt.deviceFingerprint !== ownFingerprint) return { ok: false, reason: 'other-kiosk' };
  const signed = districtKeys.some((key) => verifyMessage(key.signKey, message(receipt), match[5]));
  return signed ? { ok: true, receipt } : { ok: false, reason: 'forged' };
}
