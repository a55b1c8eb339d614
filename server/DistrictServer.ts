/**
 * The district server: its context (store, clock, log) and the dispatcher over the route table.
 * Plain node:http: a framework would add little here, and owning body reading keeps the gzip
 * limits exact (a decompression bomb stops at the limit) and the body budget server-wide.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { CreateEnrollmentRequestSchema, CreateEnrollmentResponse, TraceResponse } from '../shared/district';
import { jsonAnswer, sendAnswer, type Answer } from './http/answers';
import { requireAdmin, requireDevice, sha256Hex } from './http/auth';
import { BodyBudget } from './http/BodyBudget';
import { HttpError } from './http/HttpError';
import { readJsonBody } from './http/requestBody';
import { matchRoute, type AnyRoute, type RouteRequest } from './http/routeTable';
import type { ServerContext, ServerLog } from './routes/context';
import { createEnrollment } from './routes/enrollment';
import { ROUTES } from './routes/index';
import type { DistrictStore } from './store/DistrictStore';
import { runTrace } from './trace/runTrace';

export { sha256Hex } from './http/auth';
export { newEnrollmentCode } from './routes/enrollment';

/** Default memory all request bodies in flight may hold, bytes: eight full batches. */
export const DEFAULT_BODY_BUDGET_BYTES = 256 * 1024 * 1024;

export interface DistrictServerOptions {
  readonly store: DistrictStore;
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
}

export class DistrictServer {
  private readonly context: ServerContext;
  private readonly adminTokenHash: string | null;
  private readonly bodyBudget: BodyBudget;

  constructor(options: DistrictServerOptions, private readonly routes: readonly AnyRoute<ServerContext>[] = ROUTES) {
    this.adminTokenHash = options.adminToken ? sha256Hex(options.adminToken) : null;
    this.bodyBudget = new BodyBudget(options.bodyBudgetBytes ?? DEFAULT_BODY_BUDGET_BYTES);
    this.context = {
      store: options.store,
      now: options.now ?? (() => new Date()),
      publicUrl: options.publicUrl ?? '',
      log: options.log ?? (() => undefined),
      afterIngestCommit: options.afterIngestCommit ?? (() => undefined),
    };
  }

  /** Bytes held by request bodies in flight now. */
  get bodyBytesInFlight(): number {
    return this.bodyBudget.usedBytes;
  }

  /** The node:http request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    const reservation = this.bodyBudget.open();
    this.dispatch(request, reservation)
      .catch((error: unknown): Answer => {
        if (error instanceof HttpError) return jsonAnswer(error.status, { error: error.code, message: error.message }, error.headers);
        this.context.log('server.route', 'internal error', { error: error instanceof Error ? error.message : String(error) });
        return jsonAnswer(500, { error: 'internal', message: 'server: internal error' });
      })
      .then((answer) => {
        reservation.release();
        sendAnswer(response, answer);
      });
  };

  private async dispatch(request: IncomingMessage, reservation: ReturnType<BodyBudget['open']>): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://server');
    const found = matchRoute(this.routes, request.method ?? '', url.pathname);
    if (!found) throw new HttpError(404, 'not-found', `server: no route ${request.method} ${url.pathname}`);
    const { route, params } = found;
    const base = {
      url,
      params,
      readJson: () => {
        if (!route.body) throw new HttpError(500, 'internal', `server: route ${route.path} reads no body`);
        return readJsonBody(request, route.body, reservation);
      },
    };
    switch (route.auth) {
      case 'none':
        return route.handle({ ...base, principal: null }, this.context);
      case 'admin':
        return route.handle({ ...base, principal: requireAdmin(request, this.adminTokenHash) }, this.context);
      case 'device':
        return route.handle({ ...base, principal: await requireDevice(request, this.context.store) } satisfies RouteRequest<'device'>, this.context);
      default: {
        const never: never = route;
        throw new Error(`server: unknown auth kind of ${String(never)}`);
      }
    }
  }

  /** Creates a venue and its one-time enrollment code (the CLI's `enroll` command). */
  createEnrollment(request: z.output<typeof CreateEnrollmentRequestSchema>): Promise<CreateEnrollmentResponse> {
    return createEnrollment(this.context, request);
  }

  /** One person's visits in [from, to) and a page of their contacts (default the first 1,000). Not audited: the route audits. */
  trace(idNumber: string, from: string, to: string, marginMinutes: number, page: { limit: number; offset: number } = { limit: 1000, offset: 0 }): Promise<TraceResponse> {
    return runTrace(this.context.store, { idNumber, from, to, marginMinutes, ...page });
  }
}
