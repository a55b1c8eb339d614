/** Every route of the district server, in one table. */
import type { AnyRoute } from '../http/routeTable';
import { auditRoutes } from './audit';
import type { ServerContext } from './context';
import { deviceRoutes } from './devices';
import { enrollmentRoutes } from './enrollment';
import { healthRoutes } from './health';
import { scanRoutes } from './scans';
import { statsRoutes } from './stats';
import { traceRoutes } from './trace';

export const ROUTES: readonly AnyRoute<ServerContext>[] = [...healthRoutes, ...enrollmentRoutes, ...deviceRoutes, ...scanRoutes, ...traceRoutes, ...auditRoutes, ...statsRoutes];
