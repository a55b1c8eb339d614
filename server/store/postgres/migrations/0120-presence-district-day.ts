import { presenceDayFixSql } from '../../presenceSql';
import type { PostgresMigration } from './index';

/** As SQLite's 0130: intervals paired on a kiosk PC's own day are paired anew on the district's. */
export const migration0120: PostgresMigration = {
  version: 120,
  name: 'presence-district-day',
  up: presenceDayFixSql('postgres'),
};
