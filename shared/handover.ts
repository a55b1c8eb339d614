/**
 * What the page learns of the USB hand-over (a kiosk with no network carries its scans to the
 * district on a stick, and scans the district's receipt back): plain data, no keys.
 */

/** An export finished: where the sealed file went. */
export interface UsbExportDone {
  readonly status: 'written';
  /** The file's name (says venue, day and count; no personal data). */
  readonly fileName: string;
  readonly scanCount: number;
  readonly bytes: number;
  /** Where the file was saved (a folder the host or the shell chose), or null when the page downloads it. */
  readonly savedTo: string | null;
  /** A one-time link on the host's own origin the page downloads the file from, or null. */
  readonly downloadUrl: string | null;
}

/** The person closed the save dialog: nothing written. */
export interface UsbExportCancelled {
  readonly status: 'cancelled';
}

export type UsbExportResult = UsbExportDone | UsbExportCancelled;

/** Progress of a running export (events), for the bar. */
export interface UsbExportProgress {
  readonly written: number;
  readonly total: number;
}

/** A district receipt taken: the scans up to `seqThrough` are the district's now. */
export interface ReceiptAccepted {
  readonly seqThrough: number;
  /** Scans this receipt marked delivered (0: an older receipt, or one scanned twice). */
  readonly cleared: number;
  /** Scans still not sent after it. */
  readonly pendingCount: number;
  /** When the district issued it (ISO). */
  readonly issuedAt: string;
}
