/**
 * A hotel's guest register: stays paired from the scans kept (a guest's check-in with their next
 * check-out), with the fields the residence declaration asks. Read only; what is there is what the
 * privacy profile let the recorder keep.
 */
import type { GuestList, GuestStay } from '../../shared/guestList';
import type { KioskSettings } from '../../shared/kioskSettings';
import type { Logger } from './log';
import type { SqliteDatabase } from './store/openDatabase';
import { listPassagesOfPeople, type ScanRow } from './store/scanQueries';

export interface GuestRegisterOptions {
  readonly db: () => SqliteDatabase;
  readonly settings: () => KioskSettings;
  readonly logger: Logger;
}

function stayOf(checkIn: ScanRow): GuestStay {
  const gender = checkIn.gender === 'male' || checkIn.gender === 'female' ? checkIn.gender : null;
  return {
    scanId: checkIn.id,
    fullName: checkIn.full_name,
    birthDate: checkIn.birth_date,
    gender,
    idNumber: checkIn.id_number,
    // Only citizens hold a chip CCCD; no other code a kiosk reads tells a nationality.
    nationality: checkIn.kind === 'cccd' ? 'VN' : null,
    address: checkIn.address,
    room: checkIn.context_label,
    arrival: checkIn.scanned_at,
    departure: null,
  };
}

/**
 * Pairs passages into stays, oldest first: a check-in opens a stay, the same guest's next check-out
 * closes it; a second check-in without a check-out between opens a new stay (the first one's
 * departure stays unknown); a check-out with no open stay (its check-in purged) is left out.
 */
export function pairStays(passages: readonly ScanRow[]): GuestStay[] {
  const stays: GuestStay[] = [];
  const open = new Map<string, number>();
  for (const passage of passages) {
    const subject = passage.subject_key;
    if (subject === null) continue;
    if (passage.direction === 'in') {
      open.set(subject, stays.push(stayOf(passage)) - 1);
    } else if (passage.direction === 'out') {
      const index = open.get(subject);
      if (index === undefined) continue;
      stays[index] = { ...stays[index], departure: passage.scanned_at };
      open.delete(subject);
    }
  }
  return stays;
}

export class GuestRegister {
  constructor(private readonly options: GuestRegisterOptions) {}

  /** Every stay the kept scans show, oldest first, and the profile they were kept under. */
  list(): GuestList {
    const stays = pairStays(listPassagesOfPeople(this.options.db()));
    this.options.logger.info('kiosk.guestList', 'guest list made', { stays: stays.length });
    return { profile: this.options.settings().privacyProfile, stays };
  }
}
