/** Venues and their enrollment: the records, and what each engine's `venueQueries.ts` answers. */
import type { VenueType } from '../../../shared/district';
import type { NewDevice } from './deviceTopic';

export interface VenueRecord {
  readonly id: string;
  readonly name: string;
  readonly type: VenueType;
  readonly address: string | null;
  readonly createdAt: string;
  /** Commune or ward (xã / phường). */
  readonly area: string | null;
  /** When the venue was retired (its devices revoked, its codes expired), or null. */
  readonly retiredAt: string | null;
}

/** The editable part of a venue. */
export interface VenueFields {
  readonly name: string;
  readonly type: VenueType;
  readonly area: string | null;
  readonly address: string | null;
}

export interface NewEnrollment {
  readonly venue: Omit<VenueRecord, 'createdAt' | 'area' | 'retiredAt'> & { readonly area?: string | null };
  readonly codeHash: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** A kiosk enrolled before that redeems the code sends its unsent scans under it (default false). */
  readonly carryUnsentScans?: boolean;
}

export type RedeemResult =
  | {
      readonly status: 'enrolled';
      /** The device enrolled: the new one, or the one enrolled again (`again`). */
      readonly deviceId: string;
      readonly venue: VenueRecord;
      readonly carryUnsentScans: boolean;
    }
  /** `key-in-use`: another device holds `device.publicKey` (nothing enrolled, the code not spent). */
  | { readonly status: 'unknown' | 'expired' | 'used' | 'key-in-use' };

/** What a code would answer if redeemed now, without redeeming it. */
export type EnrollmentCodeState = 'open' | 'unknown' | 'expired' | 'used';

export interface VenueQueries {
  /** Creates a venue and its one-time enrollment code (stored hashed). */
  createEnrollment(enrollment: NewEnrollment): Promise<void>;
  /**
   * Redeems a code once, creating the device bound to the code's venue. Atomic. With `again`, a code
   * already redeemed by an import for an unrevoked device holding `device.publicKey` and still
   * awaiting its token (a kiosk set up offline whose file was imported, now online) enrolls that
   * device, expired or not: the same device id, given `device.tokenHash` as its first token. Once
   * given, the code is `used` to everyone, that kiosk too (the proof is the same every time, so
   * anyone who saw it once could otherwise take the device's token). The caller has checked the
   * key's proof.
   */
  redeemEnrollment(codeHash: string, now: string, device: NewDevice, again?: boolean): Promise<RedeemResult>;
  /**
   * Whether a code could be redeemed now (`open`), without redeeming it: an import looks before it
   * reads a whole file whose kiosk only that code would make known.
   */
  enrollmentCodeState(codeHash: string, now: string): Promise<EnrollmentCodeState>;
  listVenues(): Promise<VenueRecord[]>;
  /** One venue, retired or not, or null. */
  findVenue(venueId: string): Promise<VenueRecord | null>;
  /**
   * Changes a venue's name, type, area and address; false when there is no such venue.
   * `dayOffsetMin`: the district's UTC offset now, for the venue's intervals paired anew when its type changes (default UTC+7).
   */
  updateVenue(venueId: string, fields: VenueFields, dayOffsetMin?: number): Promise<boolean>;
  /** Retires an active venue: revokes its devices and expires its open codes, in one transaction. */
  retireVenue(venueId: string, now: string): Promise<boolean>;
  /**
   * Adds a one-time code to an active venue; false when the venue is missing or retired.
   * `carryUnsentScans`: a kiosk enrolled before that redeems it sends its unsent scans under it (default false).
   */
  addEnrollmentCode(
    venueId: string,
    codeHash: string,
    createdAt: string,
    expiresAt: string,
    carryUnsentScans?: boolean,
  ): Promise<boolean>;
  /** Venues with no scan whose corrected time is at or after `since`. */
  silentVenues(since: string): Promise<VenueRecord[]>;
}
