/**
 * Joins HID POS input reports (USB HID usage page 0x8C) into whole scans. A report is 64 bytes
 * with the report ID first: [0] report ID 2, [1] data length, [2..4] AIM symbology id (`]Q1`),
 * [5..60] data, [61] vendor symbology id, [63] bit 0 = more reports follow. Some models put the AIM
 * id one byte later; some send none. UTF-8 is decoded once over the joined bytes, so a character
 * split across two reports comes out whole.
 */

export const HID_POS_REPORT_ID = 2;
export const HID_POS_REPORT_BYTES = 64;
/** A code whose next report does not come within this time is reported as truncated, ms. */
export const CHUNK_TIMEOUT_MS = 1000;
/** Most bytes joined for one scan. */
export const MAX_SCAN_BYTES = 16_384;

const AIM_SYMBOLOGIES: Readonly<Record<string, string>> = {
  Q: 'qr',
  d: 'data-matrix',
  C: 'code-128',
  L: 'pdf417',
  E: 'ean-upc',
  A: 'code-39',
  I: 'interleaved-2-of-5',
  z: 'aztec',
  e: 'gs1-databar',
  G: 'code-93',
  F: 'codabar',
  X: 'other',
};

export type HidPosEvent =
  | {
      readonly type: 'scan';
      readonly aim: string | null;
      readonly symbology: string | null;
      readonly text: string;
      readonly bytes: Uint8Array;
    }
  | { readonly type: 'error'; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** An AIM symbology identifier: `]`, a symbology letter, a modifier letter or digit. */
function isAimAt(report: Uint8Array, at: number): boolean {
  const letter = report[at + 1];
  const modifier = report[at + 2];
  const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  return report[at] === 0x5d && isLetter(letter) && (isLetter(modifier) || (modifier >= 0x30 && modifier <= 0x39));
}

/**
 * Where the AIM id is: byte 2, or byte 3 after a zero byte (some models), or nowhere (Newland).
 * Data that itself begins with a well-formed AIM id from a scanner that sends none cannot be told
 * apart from the bytes alone; such a scanner should be set to send its AIM id.
 */
function locateAim(report: Uint8Array): { aim: string | null; dataStart: number } {
  const aimAt = isAimAt(report, 2) ? 2 : report[2] === 0 && isAimAt(report, 3) ? 3 : -1;
  if (aimAt < 0) return { aim: null, dataStart: 2 };
  return { aim: String.fromCharCode(report[aimAt], report[aimAt + 1], report[aimAt + 2]), dataStart: aimAt + 3 };
}

export class HidPosAssembler {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private aim: string | null = null;
  private lastReportAt = 0;

  /** Feeds one report (report ID first) received at `now` (ms); returns what completed. */
  push(report: Uint8Array, now: number): HidPosEvent[] {
    const events = this.expire(now);
    if (report.length === 0 || report[0] !== HID_POS_REPORT_ID) return events;
    if (report.length < HID_POS_REPORT_BYTES) {
      this.reset();
      return [
        ...events,
        { type: 'error', message: `hid: short report of ${report.length} bytes (expected ${HID_POS_REPORT_BYTES})` },
      ];
    }
    const { aim, dataStart } = locateAim(report);
    const length = report[1];
    const room = 61 - dataStart;
    if (length > room) {
      this.reset();
      return [
        ...events,
        { type: 'error', message: `hid: data length ${length} exceeds the ${room} data bytes of a report` },
      ];
    }
    if (this.chunks.length === 0) this.aim = aim;
    if (this.size + length > MAX_SCAN_BYTES) {
      this.reset();
      return [...events, { type: 'error', message: `hid: code longer than ${MAX_SCAN_BYTES} bytes` }];
    }
    this.chunks.push(report.slice(dataStart, dataStart + length));
    this.size += length;
    this.lastReportAt = now;
    if ((report[63] & 0x01) === 1) return events;
    return [...events, this.complete(report[61])];
  }

  /** Reports a code left incomplete longer than {@link CHUNK_TIMEOUT_MS}. */
  expire(now: number): HidPosEvent[] {
    if (this.chunks.length === 0 || now - this.lastReportAt <= CHUNK_TIMEOUT_MS) return [];
    this.reset();
    return [{ type: 'error', message: 'hid: code truncated (its next report never came)' }];
  }

  private complete(vendorId: number): HidPosEvent {
    const bytes = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end -= 1;
    const aim = this.aim;
    this.reset();
    const symbology = aim ? (AIM_SYMBOLOGIES[aim[1]] ?? 'other') : vendorId === 0x73 ? 'qr' : null;
    return { type: 'scan', aim, symbology, text: utf8.decode(bytes.subarray(0, end)), bytes: bytes.subarray(0, end) };
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
    this.aim = null;
  }
}

/** Builds the reports a scanner would send for `bytes` (tests, the CLI's examples). */
export function encodeHidPosReports(
  bytes: Uint8Array,
  options: { aim?: string | null; shiftAim?: boolean; vendorId?: number } = {},
): Uint8Array[] {
  const aim = options.aim === undefined ? ']Q1' : options.aim;
  const dataStart = aim === null ? 2 : options.shiftAim ? 6 : 5;
  const room = 61 - dataStart;
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length || reports.length === 0; offset += room) {
    const chunk = bytes.subarray(offset, offset + room);
    const report = new Uint8Array(HID_POS_REPORT_BYTES);
    report[0] = HID_POS_REPORT_ID;
    report[1] = chunk.length;
    if (aim !== null) for (let i = 0; i < 3; i += 1) report[dataStart - 3 + i] = aim.charCodeAt(i);
    report.set(chunk, dataStart);
    report[61] = options.vendorId ?? 0x73;
    report[63] = offset + room < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
