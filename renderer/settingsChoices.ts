/**
 * The choices the screens offer for settings, read from the contract's schemas so a new mode or
 * end key appears everywhere at once. Lists whose default is a recommendation put it first.
 */
import {
  DEFAULT_SETTINGS,
  DirectionModeSchema,
  KioskSettingsSchema,
  PrivacyProfileSchema,
  type KioskSettings,
} from '../shared/kioskSettings';

/** `options` with `first` moved to the front, the rest in their declared order. */
export function defaultFirst<T>(options: readonly T[], first: T): readonly T[] {
  return [first, ...options.filter((option) => option !== first)];
}

export const KIOSK_MODES: readonly KioskSettings['kioskMode'][] = KioskSettingsSchema.shape.kioskMode.options;
export const DIRECTION_MODES: readonly KioskSettings['directionMode'][] = DirectionModeSchema.options;
export const PRIVACY_PROFILES: readonly KioskSettings['privacyProfile'][] = PrivacyProfileSchema.options;
/** The default (either key) first, as the admin screen always showed it. */
export const WEDGE_END_KEYS: readonly KioskSettings['wedgeEndKey'][] = defaultFirst(
  KioskSettingsSchema.shape.wedgeEndKey.options,
  DEFAULT_SETTINGS.wedgeEndKey,
);
