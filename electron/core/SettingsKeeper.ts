/**
 * The kiosk's current settings, in one place: read from the database, changed by a patch (from the
 * command line, the admin page, counter staff or a visitor's language), saved, then handed on (the
 * scanners apply them, every page hears `settings-changed`).
 */
import { KioskMethodError } from '../../shared/contract';
import { KioskSettingsSchema, type KioskSettings, type SettingsPatch } from '../../shared/kioskSettings';
import type { StorageGuard } from './StorageGuard';
import type { SqliteDatabase } from './store/openDatabase';
import { readKioskSettings, writeSetting } from './store/settingsStore';

export interface SettingsKeeperOptions {
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  readonly storage: Pick<StorageGuard, 'requireSaving'>;
  /** An admin PIN is kept: finishing setup needs one, or nobody could unlock admin afterwards. */
  readonly isPinSet: () => boolean;
  /** After each saved change: the scanners apply it and the pages hear it. */
  readonly changed: (settings: KioskSettings) => void;
}

export class SettingsKeeper {
  private current: KioskSettings;

  constructor(private readonly options: SettingsKeeperOptions) {
    this.current = readKioskSettings(options.db());
  }

  /** The settings in force now. */
  get(): KioskSettings {
    return this.current;
  }

  /** Reads the settings again from the database (after the real file replaced the stand-in). */
  reload(): KioskSettings {
    this.current = readKioskSettings(this.options.db());
    return this.current;
  }

  /** Applies `patch` (parsed whole against the schema), saves it, and hands the result on. */
  update(patch: SettingsPatch): KioskSettings {
    const next = KioskSettingsSchema.parse({ ...this.current, ...patch });
    writeSetting(this.options.db(), 'kiosk', next);
    this.current = next;
    this.options.changed(next);
    return next;
  }

  /** Settings from the page (admin): refused while nothing can be saved; finishing setup needs a PIN. */
  updateFromPage(patch: SettingsPatch): KioskSettings {
    this.options.storage.requireSaving();
    if (patch.setupDone === true && !this.options.isPinSet())
      throw new KioskMethodError('pin-not-set', 'kiosk.setup: set the admin PIN before finishing setup');
    return this.update(patch);
  }
}
