/** Every route of the district server, in one table. */
import type { AnyRoute } from '../http/routeTable';
import { auditRoutes } from './audit';
import { communeRoutes } from './communes';
import type { ServerContext } from './context';
import { deviceRoutes } from './devices';
import { enrollmentRoutes } from './enrollment';
import { buildOpenApiDocument } from '../http/openApiDocument';
import { healthRoutes, openApiRoute } from './health';
import { importRoutes } from './imports';
import { overviewRoutes } from './overview';
import { scanRoutes } from './scans';
import { sessionRoutes } from './session';
import { settingRoutes } from './settings';
import { statsRoutes } from './stats';
import { traceRoutes } from './trace';
import { userRoutes } from './users';
import { venueRoutes } from './venues';

/** Every route; each names who may call it (`access`), enforced once by the dispatcher. */
export const ROUTES: readonly AnyRoute<ServerContext>[] = [
  ...healthRoutes,
  openApiRoute(() => ROUTES),
  ...enrollmentRoutes,
  ...deviceRoutes,
  ...scanRoutes,
  ...traceRoutes,
  ...auditRoutes,
  ...statsRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...venueRoutes,
  ...overviewRoutes,
  ...settingRoutes,
  ...communeRoutes,
  ...importRoutes,
];

/** The OpenAPI document of every route the server serves (`docs/openapi.json` is this, committed). */
export function openApiDocument(): Record<string, unknown> {
  return buildOpenApiDocument(ROUTES);
}
