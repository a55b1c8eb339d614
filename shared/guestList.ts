/**
 * A hotel's guest list for the residence declaration ("khai báo lưu trú"): each stay from the
 * guest's check-in scan to their check-out scan, with the fields the declaration asks. Part of the
 * kiosk vocabulary that `contract.ts` builds its method table from.
 */
import type { PrivacyProfile } from './kioskSettings';

/** One guest's stay: the check-in and, once scanned out, the check-out. */
export interface GuestStay {
  /** The check-in scan's id. */
  readonly scanId: string;
  readonly fullName: string | null;
  /** `YYYY-MM-DD` under the full profile; the year alone under the minimal one. */
  readonly birthDate: string | null;
  readonly gender: 'male' | 'female' | null;
  readonly idNumber: string | null;
  /** `VN` for a chip CCCD (only citizens hold one); null when the code does not tell. */
  readonly nationality: 'VN' | null;
  /** Permanent address as on the card. */
  readonly address: string | null;
  readonly room: string | null;
  /** Check-in and check-out instants (ISO); departure null while the guest stays. */
  readonly arrival: string;
  readonly departure: string | null;
}

export interface GuestList {
  /** Under `minimal` the birth date, gender and address are not kept: the list cannot serve the declaration. */
  readonly profile: PrivacyProfile;
  readonly stays: readonly GuestStay[];
}

/** The residence declaration's columns, in its order. */
export const RESIDENCE_DECLARATION_COLUMNS = [
  'fullName',
  'birthDate',
  'gender',
  'idNumber',
  'nationality',
  'address',
  'room',
  'arrival',
  'departure',
] as const;
export type ResidenceDeclarationColumn = (typeof RESIDENCE_DECLARATION_COLUMNS)[number];
