/** Every route of the district server, in one table. */
import type { AnyRoute } from '../http/routeTable';
import { auditRoutes } from './audit';
import type { ServerContext } from './context';
import { deviceRoutes } from './devices';
import { enrollmentRoutes } from './enrollment';
import { healthRoutes } from './health';
import { overviewRoutes } from './overview';
import { scanRoutes } from './scans';
import { sessionRoutes } from './session';
import { statsRoutes } from './stats';
import { traceRoutes } from './trace';
import { userRoutes } from './users';
import { venueRoutes } from './venues';

/** Every route; each names who may call it (`access`), enforced once by the dispatcher. */
export const ROUTES: readonly AnyRoute<ServerContext>[] = [
  ...healthRoutes,
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
];
