/**
 * Every route of the table, called by every kind of caller: anonymous, a device, the admin token,
 * and a signed-in viewer, tracer and IT person. Each answer must be what the route's access
 * allows: 401 without credentials, 403 for a role too weak, and neither for one strong enough.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../../server/http/auth';
import { openApiDocument } from '../../../server/routes/index';
import { ROUTES } from '../../../server/routes/index';
import { ROLES, roleAtLeast, type Role } from '../../../shared/console';
import { ADMIN_TOKEN, createVenue, enrollDevice } from '../../support/districtHttp';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

type Caller = 'anonymous' | 'device' | 'admin-token' | Role;
const CALLERS: readonly Caller[] = ['anonymous', 'device', 'admin-token', ...ROLES];

/** Routes open to anyone: listed here so a new open route is a decision this test sees. */
const OPEN_ROUTES = [
  'GET /healthz',
  'GET /api/v1/openapi.json',
  'POST /api/v1/enroll',
  'GET /api/v1/setup',
  'POST /api/v1/session',
  // The address kiosks reach: printed on every sheet, and the first-run page asks before anyone signs in.
  'GET /api/v1/settings/public-url',
];

/** What each caller must get from a route of each access: 'ok' means neither 401 nor 403. */
function expected(access: Access, caller: Caller): 'ok' | 401 | 403 {
  switch (access) {
    case 'none':
      return 'ok';
    case 'admin-token':
      return caller === 'admin-token' ? 'ok' : 401;
    case 'device':
      return caller === 'device' ? 'ok' : 401;
    case 'viewer':
    case 'tracer':
    case 'it':
      if (caller === 'admin-token') return 'ok';
      if (caller === 'anonymous' || caller === 'device') return 401;
      return roleAtLeast(caller, access) ? 'ok' : 403;
    default: {
      const never: never = access;
      throw new Error(`unknown access ${String(never)}`);
    }
  }
}

const SAMPLE_ID = '019a0000-0000-7000-8000-0000000000aa';

describe.each(DISTRICT_STORES)('access by role on %s', (_name, open) => {
  let server: TestDistrictServer;
  let deviceToken: string;
  const clients = new Map<Role, ConsoleClient>();

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    deviceToken = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
      .deviceToken;
    for (const role of ROLES) {
      await addTestUser(server.store, `nguoi-${role}`, role);
      clients.set(role, await ConsoleClient.signIn(server.url, `nguoi-${role}`));
    }
  });
  afterAll(() => server.close());

  async function call(method: string, path: string, caller: Caller): Promise<number> {
    const url = path.replace(/\{\w+\}/g, SAMPLE_ID);
    if (caller === 'viewer' || caller === 'tracer' || caller === 'it') {
      const client = clients.get(caller) as ConsoleClient;
      return (await client.request(method as 'GET' | 'POST', url, { body: method === 'POST' ? {} : undefined })).status;
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (caller === 'device') headers.Authorization = `Bearer ${deviceToken}`;
    if (caller === 'admin-token') headers.Authorization = `Bearer ${ADMIN_TOKEN}`;
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers,
      body: method === 'POST' ? '{}' : undefined,
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('documents every route in the OpenAPI document', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(ROUTES.filter((r) => !paths[r.path]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.path}`)).toEqual(
      [],
    );
  });

  it('lists exactly the open routes as open', () => {
    expect(
      ROUTES.filter((r) => r.access === 'none')
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([...OPEN_ROUTES].sort());
  });

  it.each(ROUTES.filter((r) => r.access !== 'none').map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers each caller as its access says',
    async (_label, route) => {
      const seen: Record<string, number> = {};
      const want: Record<string, string | number> = {};
      for (const caller of CALLERS) {
        // Never sign out the shared sessions, nor call state-changing routes where a success would alter the fixture's callers.
        if (
          route.path === '/api/v1/session/sign-out' &&
          expected(route.access, caller) === 'ok' &&
          caller !== 'admin-token'
        )
          continue;
        const status = await call(route.method, route.path, caller);
        const wanted = expected(route.access, caller);
        seen[caller] = wanted === 'ok' ? (status === 401 || status === 403 ? status : 0) : status;
        want[caller] = wanted === 'ok' ? 0 : wanted;
      }
      expect(seen).toEqual(want);
    },
  );

  it('signs out: the session ends and its cookie no longer works', async () => {
    await addTestUser(server.store, 'ra-ve', 'viewer');
    const client = await ConsoleClient.signIn(server.url, 'ra-ve');
    expect((await client.get('/api/v1/venues')).status).toBe(200);
    const out = await client.post('/api/v1/session/sign-out');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/district_session=;.*Max-Age=0/);
    expect((await client.get('/api/v1/venues')).status).toBe(401);
  });
});
