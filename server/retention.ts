/**
 * The district's retention: scans older than the retention period are purged at start and then
 * once a day (whole monthly partitions dropped on PostgreSQL, rows deleted by time on SQLite);
 * console sessions that are over (idle or too old) go at the same time.
 */
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './http/sessions';
import type { ServerLog } from './routes/context';
import type { DistrictStore } from './store/DistrictStore';

export const DEFAULT_RETENTION_DAYS = 30;
const DAY = 86_400_000;

export interface RetentionOptions {
  readonly store: DistrictStore;
  readonly retentionDays: number;
  readonly now: () => Date;
  readonly log: ServerLog;
  /** Between two purges, ms (default a day). */
  readonly everyMs?: number;
}

/** Purges once now; returns how many scans went. */
export async function purgeExpiredScans(options: RetentionOptions): Promise<number> {
  const cutoff = new Date(options.now().getTime() - options.retentionDays * DAY).toISOString();
  const purged = await options.store.purgeScansBefore(cutoff);
  options.log('server.retention', 'scans purged', { purged, retentionDays: options.retentionDays });
  return purged;
}

/** Deletes console sessions that are over; returns how many. */
export async function purgeEndedSessions(options: Pick<RetentionOptions, 'store' | 'now'>): Promise<number> {
  const now = options.now().getTime();
  return options.store.purgeSessions(
    new Date(now - SESSION_IDLE_MS).toISOString(),
    new Date(now - SESSION_MAX_MS).toISOString(),
  );
}

/** Purges at start and every day after; the returned function stops it. A failed purge is logged and tried again next time. */
export function startRetention(options: RetentionOptions): () => void {
  const run = () =>
    purgeExpiredScans(options)
      .then(() => purgeEndedSessions(options))
      .catch((error: unknown) =>
        options.log('server.retention', 'purge failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  void run();
  const timer = setInterval(run, options.everyMs ?? DAY);
  timer.unref();
  return () => clearInterval(timer);
}
