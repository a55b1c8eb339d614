/** What every page is given: words, language, the district's time zone, who is signed in, the clock. */
import type { Role, SessionResponse } from '../shared/console';
import type { Language, Translate } from './messages';

export interface PageEnv {
  readonly t: Translate;
  readonly language: Language;
  readonly timeZone: string;
  readonly role: Role;
  readonly session: SessionResponse;
  readonly now: () => Date;
  /** Goes to a console page (`#/venues/…`). */
  navigate(hash: string): void;
}
