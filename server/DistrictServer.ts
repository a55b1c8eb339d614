/**
 * The district server: its context (store, clock, log) and the dispatcher over the route table.
 * Plain node:http: a framework would add little here, and owning body reading keeps the gzip
 * limits exact (a decompression bomb stops at the limit) and the body budget server-wide.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { CreateEnrollmentRequestSchema, CreateEnrollmentResponse, TraceResponse } from '../shared/district';
import { jsonAnswer, sendAnswer, type Answer } from './http/answers';
import { bearerToken, requireAdmin, requireDevice, sha256Hex, type StaffPrincipal } from './http/auth';
import { WrongTokenLimiter } from './http/WrongTokenLimiter';
import { BodyBudget } from './http/BodyBudget';
import { ClientAbortError, HttpError } from './http/HttpError';
import { isStoreUnreachable, UNREACHABLE_RETRY_AFTER_SECONDS } from './store/storeErrors';
import { readJsonBody, saveBodyToFile } from './http/requestBody';
import { matchRoute, STATE_CHANGING, type AnyRoute, type HttpMethod, type RouteRequest } from './http/routeTable';
import { requestIsSecure, requireSession } from './http/sessions';
import { consoleAnswer, type ConsoleFiles } from './consoleFiles';
import type { Role } from '../shared/console';
import { newDistrictKeyPair, type DistrictKeyPair } from '../hosting/sealedScans/keys';
import type { ServerContext, ServerLog } from './routes/context';
import { createEnrollment } from './routes/enrollment';
import { ROUTES } from './routes/index';
import type { DistrictStore } from './store/DistrictStore';
import { runTrace } from './trace/runTrace';
import { importScanFile } from './ingest/importScanFile';
import { withPrivateCopy } from './ingest/privateCopy';
import type { ScanImportResponse } from '../shared/scanImport';

export { sha256Hex } from './http/auth';
export { newEnrollmentCode } from './routes/enrollment';

/** Default memory all request bodies in flight may hold, bytes: eight full batches. */
export const DEFAULT_BODY_BUDGET_BYTES = 256 * 1024 * 1024;

export interface DistrictServerOptions {
  readonly store: DistrictStore;
  /**
   * Where traces read (a PostgreSQL read replica, `DATABASE_READ_URL`): the console's heaviest read
   * leaves the primary. The trace audit is still written to `store`, before the trace runs. A trace
   * may miss scans the replica has not replayed yet (seconds). Default: `store`.
   */
  readonly traceStore?: DistrictStore;
  /** Admin bearer token; admin routes answer 503 when none is configured. */
  readonly adminToken?: string;
  readonly now?: () => Date;
  /** Base URL put in enrollment QR texts, e.g. `https://district.example.gov.vn`. */
  readonly publicUrl?: string;
  readonly log?: ServerLog;
  /** Memory all request bodies in flight may hold, bytes (default 256 MiB); over it, 503 with Retry-After. */
  readonly bodyBudgetBytes?: number;
  /** Runs after a batch's transaction committed, before its answer (fault-injection seam for tests). */
  readonly afterIngestCommit?: () => void;
  /** The longest window one trace may cover, days (default {@link DEFAULT_MAX_TRACE_DAYS}). */
  readonly maxTraceDays?: number;
  /** IANA time zone of the district: local days of the overview, times in exports (default Asia/Ho_Chi_Minh). */
  readonly timeZone?: string;
  /** The built console served at `/` (null: no console, the API only). */
  readonly consoleFiles?: ConsoleFiles | null;
  /**
   * The district's key pairs, current last (`districtKeyFile.ts` reads them from disk). Default: one
   * pair made now, in memory only (tests and benches; a file sealed to it opens only in this process).
   */
  readonly districtKeys?: readonly DistrictKeyPair[];
}

/**
 * How far one trace reaches unless the district sets it: 28 days, two incubation periods of 14 and
 * within the 14-30 days peers keep check-ins.
 */
export const DEFAULT_MAX_TRACE_DAYS = 28;

/** The district's time zone unless one is configured. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export class DistrictServer {
  private readonly context: ServerContext;
  private readonly adminTokenHash: string | null;
  /** Wrong admin tokens of this server, so the token cannot be guessed hundreds of times a second. */
  private readonly wrongTokens = new WrongTokenLimiter();
  private readonly bodyBudget: BodyBudget;
  private readonly consoleFiles: ConsoleFiles | null;
  private readonly flagPublicUrl: string;
  /** The stored `public-url` setting, read once before the first request is answered. */
  private storedPublicUrl = '';
  private settingsRead: Promise<void> | null = null;

  constructor(
    options: DistrictServerOptions,
    private readonly routes: readonly AnyRoute<ServerContext>[] = ROUTES,
  ) {
    this.adminTokenHash = options.adminToken ? sha256Hex(options.adminToken) : null;
    this.bodyBudget = new BodyBudget(options.bodyBudgetBytes ?? DEFAULT_BODY_BUDGET_BYTES);
    this.consoleFiles = options.consoleFiles ?? null;
    this.flagPublicUrl = options.publicUrl ?? '';
    const publicUrlNow = () => this.flagPublicUrl || this.storedPublicUrl;
    this.context = {
      store: options.store,
      traceStore: options.traceStore ?? options.store,
      now: options.now ?? (() => new Date()),
      get publicUrl() {
        return publicUrlNow();
      },
      publicUrlFromFlag: this.flagPublicUrl !== '',
      rememberPublicUrl: async (url) => {
        await options.store.writeSetting('public-url', url);
        this.storedPublicUrl = url;
      },
      log: options.log ?? (() => undefined),
      afterIngestCommit: options.afterIngestCommit ?? (() => undefined),
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      maxTraceDays: options.maxTraceDays ?? DEFAULT_MAX_TRACE_DAYS,
      districtKeys:
        options.districtKeys && options.districtKeys.length > 0
          ? options.districtKeys
          : [newDistrictKeyPair(new Date())],
    };
  }

  /** The district's key pairs, current last (tests seal files to them). */
  get districtKeys(): readonly DistrictKeyPair[] {
    return this.context.districtKeys;
  }

  /** Bytes held by request bodies in flight now. */
  get bodyBytesInFlight(): number {
    return this.bodyBudget.usedBytes;
  }

  /**
   * Reads the stored settings once (a failed read is tried again on the next request): the process
   * keeps them in memory, so a request costs no settings query. Another process of a PostgreSQL
   * deployment sees a changed address at its next start.
   */
  private readSettings(): Promise<void> {
    this.settingsRead ??= this.context.store.readSetting('public-url').then(
      (stored) => {
        this.storedPublicUrl = stored ?? '';
      },
      (error: unknown) => {
        this.settingsRead = null;
        throw error;
      },
    );
    return this.settingsRead;
  }

  /** The node:http request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    const reservation = this.bodyBudget.open();
    const setCookies: string[] = [];
    this.readSettings()
      .then(() => this.dispatch(request, reservation, setCookies))
      .catch((error: unknown): Answer => {
        if (error instanceof ClientAbortError) this.context.log('server.route', 'request body aborted by the client');
        if (error instanceof HttpError)
          return jsonAnswer(
            error.status,
            { error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
            error.headers,
          );
        if (isStoreUnreachable(error)) {
          // Nothing was done: the kiosk resends, the console says which part is missing. The trace
          // audit row, written first, stays (the lookup was asked for).
          this.context.log('server.route', 'part of the database unreachable', {
            error: error instanceof Error ? error.message : String(error),
          });
          return jsonAnswer(
            503,
            {
              error: 'part-unreachable',
              message:
                "server: part of the district's data is out of reach (a database server is down); nothing was lost, try again shortly",
            },
            { 'Retry-After': String(UNREACHABLE_RETRY_AFTER_SECONDS) },
          );
        }
        this.context.log('server.route', 'internal error', {
          error: error instanceof Error ? error.message : String(error),
        });
        return jsonAnswer(500, { error: 'internal', message: 'server: internal error' });
      })
      .then((answer) => {
        reservation.release();
        if (setCookies.length > 0) response.setHeader('Set-Cookie', setCookies);
        sendAnswer(response, answer);
      });
  };

  private async dispatch(
    request: IncomingMessage,
    reservation: ReturnType<BodyBudget['open']>,
    setCookies: string[],
  ): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://server');
    const found = matchRoute(this.routes, request.method ?? '', url.pathname);
    if (!found) {
      const page =
        request.method === 'GET' && this.consoleFiles && !url.pathname.startsWith('/api/')
          ? await consoleAnswer(this.consoleFiles, url.pathname)
          : null;
      if (page) return page;
      throw new HttpError(404, 'not-found', `server: no route ${request.method} ${url.pathname}`);
    }
    const { route, params } = found;
    const base = {
      url,
      params,
      headers: request.headers,
      setCookies,
      // Only the operator's --public-url says the server is behind HTTPS: an address saved from the
      // console is for setup sheets, and a mistyped https:// there must not make every cookie Secure
      // on a console used over plain http (no one could sign in to undo it).
      secure: requestIsSecure(request, this.flagPublicUrl),
      readJson: () => {
        if (!route.body) throw new HttpError(500, 'internal', `server: route ${route.path} reads no body`);
        return readJsonBody(request, route.body, reservation);
      },
      saveBody: (file: string) => {
        if (!route.body) throw new HttpError(500, 'internal', `server: route ${route.path} reads no body`);
        return saveBodyToFile(request, route.body, file);
      },
    };
    switch (route.access) {
      case 'none':
        return route.handle({ ...base, principal: null }, this.context);
      case 'admin-token':
        return route.handle(
          {
            ...base,
            principal: await requireAdmin(request, this.adminTokenHash, this.wrongTokens, this.context.store),
          },
          this.context,
        );
      case 'device':
        return route.handle(
          { ...base, principal: await requireDevice(request, this.context.store) } satisfies RouteRequest<'device'>,
          this.context,
        );
      case 'viewer':
      case 'tracer':
      case 'it': {
        const principal = await this.staff(request, route.access, route.method, route.beforePasswordChange ?? false);
        return route.handle({ ...base, principal }, this.context);
      }
      default: {
        const never: never = route;
        throw new Error(`server: unknown access of ${String(never)}`);
      }
    }
  }

  /** A role route's caller: the admin token when a bearer token is sent, else a console session. */
  private async staff(
    request: IncomingMessage,
    needed: Role,
    method: HttpMethod,
    beforePasswordChange: boolean,
  ): Promise<StaffPrincipal> {
    if (bearerToken(request) !== null) {
      await requireAdmin(request, this.adminTokenHash, this.wrongTokens, this.context.store);
      return { actor: 'admin-token', user: null, session: null };
    }
    return requireSession(request, {
      store: this.context.store,
      now: this.context.now(),
      publicUrl: this.flagPublicUrl,
      needed,
      stateChanging: STATE_CHANGING.has(method),
      beforePasswordChange,
    });
  }

  /** Creates a venue and its one-time enrollment code (the CLI's `enroll` command). */
  async createEnrollment(request: z.output<typeof CreateEnrollmentRequestSchema>): Promise<CreateEnrollmentResponse> {
    await this.readSettings();
    return createEnrollment(this.context, request);
  }

  /**
   * Imports a kiosk's sealed scan file (the CLI's `import` command) from a private copy made first,
   * so the file read is the file checked; throws `ScanImportRefused` for a file refused whole.
   */
  async importScanFile(file: string, actor: string): Promise<ScanImportResponse> {
    return withPrivateCopy(file, (copy) => importScanFile(this.context, { path: copy, actor }));
  }

  /** One person's visits in [from, to) and a page of their contacts (default the first 1,000). Not audited: the route audits. */
  trace(
    idNumber: string,
    from: string,
    to: string,
    marginMinutes: number,
    page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
  ): Promise<TraceResponse> {
    return runTrace(this.context.traceStore, { idNumber, from, to, marginMinutes, ...page });
  }
}
