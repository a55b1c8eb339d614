/**
 * This kiosk's place in the district: enrolling with the district server (the venue's name becomes
 * the kiosk's venue name) and what enrollment left in the settings (the venue's code and type).
 */
import { hostname } from 'node:os';
import type { KioskNotice, UploadStatus } from '../../../shared/kioskStatus';
import type { SettingsKeeper } from '../SettingsKeeper';
import type { StorageGuard } from '../StorageGuard';
import type { SqliteDatabase } from '../store/openDatabase';
import { readSetting, writeSetting } from '../store/settingsStore';
import { enrollmentCodeHash, enrollmentCodeOf } from './enrollDevice';
import type { ScanUploader } from './ScanUploader';

export interface DistrictEnrollmentOptions {
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  /** The kiosk's current uploader (a new one comes with the real database). */
  readonly uploader: () => ScanUploader;
  readonly settings: Pick<SettingsKeeper, 'update'>;
  readonly storage: Pick<StorageGuard, 'requireSaving'>;
  /** District server base URL, for enrolling with a bare code. */
  readonly serverUrl?: string;
  /** Name this kiosk gives itself when enrolling (default: the host name). */
  readonly deviceName?: string;
}

export class DistrictEnrollment {
  constructor(private readonly options: DistrictEnrollmentOptions) {}

  /**
   * Enrolls with the district server, also when enrolled before (revoked, or moved: the new
   * credentials replace the old); the venue's name becomes this kiosk's venue name. `deviceName`:
   * what the owner called this kiosk (default: the name it enrolled with before, else the host name).
   */
  async enroll(code: string, serverUrl = this.options.serverUrl, deviceName?: string): Promise<UploadStatus> {
    this.options.storage.requireSaving();
    const { credentials } = await this.options
      .uploader()
      .enroll(code, serverUrl, deviceName ?? this.defaultDeviceName());
    this.options.settings.update({ venueName: credentials.venueName });
    return this.options.uploader().status();
  }

  /** The name offered for this kiosk: the one it enrolled with, else the shell's `deviceName` option, else the host name. */
  defaultDeviceName(): string {
    return readSetting(this.options.db(), 'district-device')?.deviceName ?? this.options.deviceName ?? hostname();
  }

  /** Puts a notice about enrollment on every screen (for a day): what came of a code given at start. */
  tellStaff(code: KioskNotice['code'], detail: string): void {
    const db = this.options.db();
    const notice = { code, at: new Date().toISOString(), detail };
    writeSetting(db, 'notices', [...(readSetting(db, 'notices') ?? []), notice]);
  }

  /**
   * Whether `codeText` is the code this kiosk is enrolled with. A kiosk enrolled before it kept the
   * code's hash has none: the code it is started with is taken as that one (so a restart with the
   * flags it was rolled out with never enrolls again), and its hash kept from now on.
   */
  enrolledWith(codeText: string): boolean {
    const device = readSetting(this.options.db(), 'district-device');
    const code = enrollmentCodeOf(codeText);
    if (!device || !code) return false;
    if (device.enrollCodeHash === undefined) {
      writeSetting(this.options.db(), 'district-device', { ...device, enrollCodeHash: enrollmentCodeHash(code) });
      return true;
    }
    return device.enrollCodeHash === enrollmentCodeHash(code);
  }

  /** The venue code the district issued at enrollment (its venue id), or null when not enrolled. */
  venueCode(): string | null {
    return readSetting(this.options.db(), 'district-device')?.venueId ?? null;
  }

  /** The venue's type from enrollment (`port`, `hotel`, ...), or null when not enrolled. */
  venueType(): string | null {
    return readSetting(this.options.db(), 'district-device')?.venueType ?? null;
  }
}
