/**
 * This kiosk's place in the district: enrolling with the district server (the venue's name becomes
 * the kiosk's venue name) and what enrollment left in the settings (the venue's code and type).
 */
import { hostname } from 'node:os';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { SettingsKeeper } from '../SettingsKeeper';
import type { StorageGuard } from '../StorageGuard';
import type { SqliteDatabase } from '../store/openDatabase';
import { readSetting } from '../store/settingsStore';
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

  /** Enrolls with the district server; the venue's name becomes this kiosk's venue name. */
  async enroll(code: string, serverUrl = this.options.serverUrl): Promise<UploadStatus> {
    this.options.storage.requireSaving();
    const credentials = await this.options.uploader().enroll(code, serverUrl, this.options.deviceName ?? hostname());
    this.options.settings.update({ venueName: credentials.venueName });
    return this.options.uploader().status();
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
