import { presenceDayFixSql } from '../../presenceSql';
import type { SqliteMigration } from './index';

/**
 * An entry with no exit ends, at the latest, at the end of the district's day (UTC+7), no longer of
 * the kiosk PC's: a PC left on UTC ended every such visit at 07:00 in Vietnam, and the trace missed
 * the people who came later. The intervals paired that way are paired anew (none, when every kiosk
 * had its zone right).
 */
export const migration0130: SqliteMigration = {
  version: 130,
  name: 'presence-district-day',
  up: presenceDayFixSql('sqlite'),
};
