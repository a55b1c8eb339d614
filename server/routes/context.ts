/** What every route handler may use: the store, the clock, the log and the server's settings. */
import type { DistrictKeyPair } from '../../hosting/sealedScans/keys';
import { defineRoute } from '../http/routeTable';
import type { DistrictStore } from '../store/DistrictStore';

/** Structured log line: where it comes from, what happened, fields without personal data. */
export type ServerLog = (where: string, message: string, fields?: Record<string, string | number>) => void;

export interface ServerContext {
  readonly store: DistrictStore;
  /** Where traces read: a read replica when one is configured, else `store`. */
  readonly traceStore: DistrictStore;
  readonly now: () => Date;
  /** Base URL put in enrollment QR texts: `--public-url`, else the stored setting (the first-run page's), else ''. */
  readonly publicUrl: string;
  /** Whether `publicUrl` is `--public-url`'s (the stored setting is then not used and not changed). */
  readonly publicUrlFromFlag: boolean;
  /** Stores the address kiosks reach as the server's setting; `publicUrl` answers it from then on. */
  readonly rememberPublicUrl: (url: string) => Promise<void>;
  readonly log: ServerLog;
  /** Runs after a batch's transaction committed and before its answer (fault-injection seam for tests). */
  readonly afterIngestCommit: () => void;
  /** The longest window one trace may cover, days (`--max-trace-days`, default 28). */
  readonly maxTraceDays: number;
  /** IANA time zone of the district (local days, times in exports). */
  readonly timeZone: string;
  /**
   * The district's key pairs, the current one last: kiosks seal their USB files to the current
   * public key (handed out at enrollment, on every upload answer and on setup sheets); older ones
   * still open files sealed before a rotation. Never logged, never in an answer but the public text.
   */
  readonly districtKeys: readonly DistrictKeyPair[];
}

/** The district's current key pair (the list's last). */
export function currentDistrictKey(context: Pick<ServerContext, 'districtKeys'>): DistrictKeyPair {
  const key = context.districtKeys[context.districtKeys.length - 1];
  if (!key) throw new Error('server: no district key');
  return key;
}

/** Declares a route of the district server. */
export const route = defineRoute<ServerContext>();
