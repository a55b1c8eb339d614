/**
 * The district server's store: the intersection of its topics, each declared in `topics/` and
 * answered per engine by one query module (`sqlite/venueQueries.ts`, `postgres/venueQueries.ts`,
 * ...) that the engine's store spreads into itself. A new read touches its topic's interface and
 * that topic's module of each engine, nothing here. SQLite is the default (one district);
 * PostgreSQL by `DATABASE_URL` (a province or a country); one contract test suite runs both.
 * Instants given to a store are ISO 8601 strings with any offset and precision (compared as
 * instants); instants a store returns are ISO 8601 UTC strings with milliseconds.
 */
import type { AccountQueries } from './topics/accounts';
import type { ActivityQueries } from './topics/activity';
import type { AuditQueries } from './topics/audit';
import type { DeviceQueries } from './topics/devices';
import type { IngestTransactions } from './topics/ingestSteps';
import type { PresenceQueries } from './topics/presenceReads';
import type { ScanQueries } from './topics/scans';
import type { VenueQueries } from './topics/venues';

export type { NewUser, SessionRecord, UserRecord } from './topics/accounts';
export type { ActivityWindow, DailyCount, VenueActivity } from './topics/activity';
export type { NewTraceAudit } from './topics/audit';
export type { DeviceRecord, NewDevice } from './topics/devices';
export type { IngestReport } from './topics/ingestSteps';
export type { PresenceInterval, PresenceWindow, PresenceWindowPage } from './topics/presenceReads';
export type { ScanPage, ScanPosition, StoredScan } from './topics/scans';
export type { NewEnrollment, RedeemResult, VenueFields, VenueRecord } from './topics/venues';

/** Every topic's queries: what an engine's query modules answer, bound to its connection. */
export type TopicQueries = VenueQueries &
  DeviceQueries &
  ScanQueries &
  PresenceQueries &
  ActivityQueries &
  AccountQueries &
  AuditQueries;

export interface DistrictStore extends TopicQueries, IngestTransactions {
  close(): Promise<void>;
}
