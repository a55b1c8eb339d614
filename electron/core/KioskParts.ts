/**
 * The parts of the kiosk core that do the work of the API, as one typed object: dispatch reaches
 * each method's part through it, so a new method touches only the contract's table, its handler line
 * and the part that does the work; the facade (`Kiosk`) only builds, starts and stops them.
 */
import type { AdminSession } from './AdminSession';
import type { GuestRegister } from './GuestRegister';
import type { KioskStateReader } from './KioskStateReader';
import type { RetentionPurge } from './RetentionPurge';
import type { SailingDesk } from './sailing/SailingDesk';
import type { ScanCorrections } from './scan/ScanCorrections';
import type { ScanPipeline } from './scan/ScanPipeline';
import type { ScanLog } from './ScanLog';
import type { SettingsKeeper } from './SettingsKeeper';
import type { DistrictEnrollment } from './upload/DistrictEnrollment';
import type { ScanUploader } from './upload/ScanUploader';
import type { VenueQrSource } from './venueQr';
import type { UsbHandover } from './handover/UsbHandover';

export interface KioskParts {
  /** The state every screen loads. */
  readonly state: KioskStateReader;
  /** The current settings: read, patched, saved, handed on. */
  readonly settings: SettingsKeeper;
  /** Scans in: submit, the in/out choice, the health declaration, manual entry, the scanner test. */
  readonly pipeline: ScanPipeline;
  /** Counter staff's undo and flip of this kiosk's last scan. */
  readonly corrections: ScanCorrections;
  /** The read side: today's log and search, who is inside, per hour, printed lists, the export. */
  readonly log: ScanLog;
  /** The admin PIN, its session, exit, and the access check of every call. */
  readonly admin: AdminSession;
  /**
   * Sending scans to the district. Read it at each use: the kiosk makes a new uploader when the real
   * database replaces the stand-in.
   */
  readonly uploader: ScanUploader;
  /** Enrolling with the district, and the venue's code and type it left. */
  readonly enrollment: DistrictEnrollment;
  /** Deleting scans past retention. */
  readonly retention: RetentionPurge;
  /** The venue QR for phones. */
  readonly venueQr: VenueQrSource;
  /** A port's sailings: open, pick, close, reopen, list. */
  readonly sailings: SailingDesk;
  /** A hotel's stays (check-in to check-out) with the residence declaration's fields. */
  readonly guests: GuestRegister;
  /** A venue with no network: offline setup from a setup sheet, the sealed export, the district's receipt. */
  readonly handover: UsbHandover;
}
