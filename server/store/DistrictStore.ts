/**
 * The district server's store: the intersection of its topics, each declared in `topics/` and
 * answered per engine by one query module (`sqlite/venueQueries.ts`, `postgres/venueQueries.ts`,
 * ...) that the engine's store spreads into itself. A new read touches its topic's interface and
 * that topic's module of each engine, nothing here. SQLite is the default (one district);
 * PostgreSQL by `DATABASE_URL` (a province or a country); one contract test suite runs both.
 * Instants given to a store are ISO 8601 strings with any offset and precision (compared as
 * instants); instants a store returns are ISO 8601 UTC strings with milliseconds.
 */
import type { AccountQueries } from './topics/accountTopic';
import type { ActivityQueries } from './topics/activityTopic';
import type { AuditQueries } from './topics/auditTopic';
import type { CommuneQueries } from './topics/communeTopic';
import type { DeviceQueries } from './topics/deviceTopic';
import type { ImportQueries } from './topics/importTopic';
import type { IngestTransactions } from './topics/ingestTopic';
import type { PresenceQueries } from './topics/presenceTopic';
import type { ScanQueries } from './topics/scanTopic';
import type { SettingQueries } from './topics/settingTopic';
import type { VenueQueries } from './topics/venueTopic';

export type { NewUser, SessionRecord, UserRecord } from './topics/accountTopic';
export type { ActivityWindow, DailyCount, VenueActivity } from './topics/activityTopic';
export type { NewTraceAudit } from './topics/auditTopic';
export type { CommuneRecord, MergeResult, NewCommune, RenameResult } from './topics/communeTopic';
export type { DeviceRecord, NewDevice } from './topics/deviceTopic';
export type { NewScanImport, ScanImportEnd } from './topics/importTopic';
export type { IngestReport } from './topics/ingestTopic';
export type { PresenceInterval, PresenceWindow, PresenceWindowPage } from './topics/presenceTopic';
export type { ScanPage, ScanPosition, StoredScan } from './topics/scanTopic';
export type { DistrictSettingKey } from './topics/settingTopic';
export type { NewEnrollment, RedeemResult, VenueFields, VenueRecord } from './topics/venueTopic';

/** Every topic's queries: what an engine's query modules answer, bound to its connection. */
export type TopicQueries = VenueQueries &
  DeviceQueries &
  ScanQueries &
  PresenceQueries &
  ActivityQueries &
  AccountQueries &
  AuditQueries &
  SettingQueries &
  CommuneQueries &
  ImportQueries;

export interface DistrictStore extends TopicQueries, IngestTransactions {
  close(): Promise<void>;
}
