import type { KioskSettings } from '../../../shared/kioskSettings';
import type { Logger } from '../log';
import type { DayCounter } from './DayCounter';

/** What every part of the scan pipeline is given: the log, the venue's settings, today's counts. */
export interface ScanPartContext {
  readonly logger: Logger;
  readonly settings: () => KioskSettings;
  readonly counter: DayCounter;
}
