/**
 * Console accounts and sessions as a browser meets them: the first IT account from the admin
 * token, sign-in with lockout (at most 15 minutes), the cookie's attributes, CSRF token and Origin
 * on state-changing requests, idle and absolute expiry, one-time passwords to be changed, and the
 * trace audit naming the signed-in person with the case reference they had to give.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../server/http/auth';
import { purgeEndedSessions } from '../../../server/retention';
import type { TraceAuditEntry } from '../../../shared/district';
import { ADMIN_TOKEN } from '../../support/districtHttp';
import { addTestUser, ConsoleClient, TEST_PASSWORD } from '../../support/consoleClient';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

describe.each(DISTRICT_STORES)('console sessions on %s', (_name, open) => {
  let server: TestDistrictServer;
  const signInStatus = async (name: string, password: string) =>
    (await fetch(`${server.url}/api/v1/session`, json({ name, password }, { Origin: server.url }))).status;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
  });
  afterAll(() => server.close());

  it('makes the first IT account only with the admin token, and only once', async () => {
    expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ needsFirstAccount: true });
    const body = { name: 'Chi.IT', password: 'một mật khẩu dài' };
    expect((await fetch(`${server.url}/api/v1/setup/first-account`, json(body))).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/v1/setup/first-account`, json(body, { Authorization: 'Bearer wrong' }))).status,
    ).toBe(401);
    const made = await fetch(
      `${server.url}/api/v1/setup/first-account`,
      json(body, { Authorization: `Bearer ${ADMIN_TOKEN}` }),
    );
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({
      user: { name: 'chi.it', role: 'it', mustChangePassword: false },
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(made.headers.get('set-cookie')).toMatch(/^district_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(
      (
        await fetch(
          `${server.url}/api/v1/setup/first-account`,
          json({ ...body, name: 'other' }, { Authorization: `Bearer ${ADMIN_TOKEN}` }),
        )
      ).status,
    ).toBe(409);
    expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ needsFirstAccount: false });
  });

  it('stores only the hash of the session id and a salted scrypt hash of the password', async () => {
    await addTestUser(server.store, 'hash-check', 'viewer');
    const client = await ConsoleClient.signIn(server.url, 'hash-check');
    const id = client.cookie.split('=')[1];
    const user = await server.store.findUserByName('hash-check');
    expect(user?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(user?.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await server.store.findSession(id)).toBeNull();
  });

  it('locks an account after 5 wrong passwords, 1 minute doubling up to 15, and the right one clears it', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    await addTestUser(server.store, 'lock-me', 'tracer');
    for (let i = 0; i < 4; i += 1) expect(await signInStatus('lock-me', 'wrong password')).toBe(401);
    expect(await signInStatus('lock-me', 'wrong password')).toBe(401);
    const locked = await fetch(
      `${server.url}/api/v1/session`,
      json({ name: 'lock-me', password: TEST_PASSWORD }, { Origin: server.url }),
    );
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    // Each wrong password after the wait doubles it, never past 15 minutes.
    const waits: number[] = [];
    let t = Date.parse('2026-11-25T03:00:00.000Z');
    for (let i = 0; i < 6; i += 1) {
      const user = await server.store.findUserByName('lock-me');
      t = Date.parse(user?.lockedUntil ?? '') + 1000;
      server.setNow(new Date(t).toISOString());
      expect(await signInStatus('lock-me', 'wrong password')).toBe(401);
      const after = await server.store.findUserByName('lock-me');
      waits.push((Date.parse(after?.lockedUntil ?? '') - t) / 60_000);
    }
    expect(waits).toEqual([2, 4, 8, 15, 15, 15]);
    server.setNow(new Date(t + 15 * 60_000 + 1000).toISOString());
    expect(await signInStatus('lock-me', TEST_PASSWORD)).toBe(200);
    expect(await server.store.findUserByName('lock-me')).toMatchObject({ failedLogins: 0, lockedUntil: null });
    server.setNow('2026-11-25T03:00:00.000Z');
  });

  it('counts parallel guesses one after another, so a burst cannot outrun the lockout', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    await addTestUser(server.store, 'burst', 'viewer');
    const statuses = await Promise.all(Array.from({ length: 12 }, () => signInStatus('burst', 'wrong password')));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await server.store.findUserByName('burst')).toMatchObject({ failedLogins: 5 });
  });

  it('locks a password change after 5 wrong current passwords, like sign-in, one guess at a time', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    await addTestUser(server.store, 'change-guess', 'viewer');
    const client = await ConsoleClient.signIn(server.url, 'change-guess');
    const change = (currentPassword: string) =>
      client.post('/api/v1/session/password', { currentPassword, newPassword: 'một mật khẩu mới đủ dài' });
    // Parallel guesses are taken one after another, so each sees the lockout the previous earned.
    const statuses = await Promise.all(Array.from({ length: 12 }, async () => (await change('wrong guess')).status));
    expect(statuses.filter((s) => s === 403)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const locked = await change(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    // The lockout is the account's: sign-in waits too.
    expect(await signInStatus('change-guess', TEST_PASSWORD)).toBe(429);
    server.setNow('2026-11-25T03:01:01.000Z');
    expect((await change(TEST_PASSWORD)).status).toBe(200);
    expect(await server.store.findUserByName('change-guess')).toMatchObject({ failedLogins: 0, lockedUntil: null });
    server.setNow('2026-11-25T03:00:00.000Z');
  });

  it('answers guesses at an unknown name exactly as at an existing one, lockout included', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    // Names differ per store: the remembered unknown names are the server process's, shared by both runs.
    const [real, unknown] = [`real-name-${_name}`, `no-such-name-${_name}`].map((n) => n.toLowerCase());
    await addTestUser(server.store, real, 'viewer');
    const answers = async (name: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const response = await fetch(
          `${server.url}/api/v1/session`,
          json({ name, password: 'wrong password' }, { Origin: server.url }),
        );
        seen.push(`${response.status} ${response.headers.get('retry-after') ?? '-'}`);
      }
      return seen;
    };
    const known = await answers(real);
    expect(known).toEqual(['401 -', '401 -', '401 -', '401 -', '401 -', '429 60', '429 60']);
    expect(await answers(unknown)).toEqual(known);
  });

  it('answers an unknown name like a wrong password, and refuses a disabled account', async () => {
    expect(await signInStatus('no-such-person', TEST_PASSWORD)).toBe(401);
    const it = await addTestUser(server.store, 'it-boss', 'it');
    const gone = await addTestUser(server.store, 'leaving', 'viewer');
    const leaving = await ConsoleClient.signIn(server.url, 'leaving');
    const boss = await ConsoleClient.signIn(server.url, it.name);
    expect((await boss.post(`/api/v1/users/${gone.id}/disable`)).status).toBe(200);
    expect((await leaving.get('/api/v1/venues')).status).toBe(401);
    expect(await signInStatus('leaving', TEST_PASSWORD)).toBe(401);
  });

  it('needs the CSRF token and the console Origin on state-changing requests, not on reads', async () => {
    await addTestUser(server.store, 'csrf-it', 'it');
    const client = await ConsoleClient.signIn(server.url, 'csrf-it');
    const venue = { name: 'Trường Tiểu học Lý Sơn', type: 'school' };
    expect((await client.post('/api/v1/venues', venue, { csrf: false })).status).toBe(403);
    expect((await client.post('/api/v1/venues', venue, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.post('/api/v1/venues', venue, { origin: null })).status).toBe(403);
    expect((await client.request('GET', '/api/v1/venues', { csrf: false, origin: null })).status).toBe(200);
    expect((await client.post('/api/v1/venues', venue)).status).toBe(201);
    expect(
      (
        await fetch(
          `${server.url}/api/v1/session`,
          json({ name: 'csrf-it', password: TEST_PASSWORD }, { Origin: 'https://evil.example' }),
        )
      ).status,
    ).toBe(403);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    await addTestUser(server.store, 'sleepy', 'viewer');
    const idle = await ConsoleClient.signIn(server.url, 'sleepy');
    server.setNow('2026-11-25T03:29:00.000Z');
    expect((await idle.get('/api/v1/venues')).status).toBe(200);
    server.setNow('2026-11-25T03:58:00.000Z');
    expect((await idle.get('/api/v1/venues')).status).toBe(200);
    server.setNow('2026-11-25T04:28:01.000Z');
    expect((await idle.get('/api/v1/venues')).status).toBe(401);

    server.setNow('2026-11-25T03:00:00.000Z');
    const busy = await ConsoleClient.signIn(server.url, 'sleepy');
    let t = Date.parse('2026-11-25T03:00:00.000Z');
    for (let i = 0; i < 24; i += 1) {
      t += 29 * 60_000;
      server.setNow(new Date(t).toISOString());
      const status = (await busy.get('/api/v1/venues')).status;
      expect(status).toBe(t - Date.parse('2026-11-25T03:00:00.000Z') > 12 * 3600_000 ? 401 : 200);
    }
    server.setNow('2026-11-25T03:00:00.000Z');
  });

  it('deletes ended sessions with the daily purge and keeps live ones', async () => {
    server.setNow('2026-11-25T03:00:00.000Z');
    await addTestUser(server.store, 'purge-me', 'viewer');
    const old = await ConsoleClient.signIn(server.url, 'purge-me');
    server.setNow('2026-11-25T03:40:00.000Z');
    const fresh = await ConsoleClient.signIn(server.url, 'purge-me');
    const hashOf = (client: ConsoleClient) => sha256Hex(client.cookie.split('=')[1]);
    expect(
      await purgeEndedSessions({ store: server.store, now: () => new Date('2026-11-25T03:45:00.000Z') }),
    ).toBeGreaterThanOrEqual(1);
    expect(await server.store.findSession(hashOf(old))).toBeNull();
    expect(await server.store.findSession(hashOf(fresh))).not.toBeNull();
    server.setNow('2026-11-25T03:00:00.000Z');
  });

  it('gives new accounts a one-time password that must be changed before anything else', async () => {
    await addTestUser(server.store, 'it-maker', 'it');
    const it = await ConsoleClient.signIn(server.url, 'it-maker');
    const made = await it.post('/api/v1/users', { name: 'Lan.Tracer', role: 'tracer' });
    expect(made.status).toBe(201);
    const { oneTimePassword, user } = (await made.json()) as {
      oneTimePassword: string;
      user: { name: string; mustChangePassword: boolean };
    };
    expect(user).toMatchObject({ name: 'lan.tracer', mustChangePassword: true });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await it.post('/api/v1/users', { name: 'lan.tracer', role: 'viewer' })).status).toBe(409);

    const lan = await ConsoleClient.signIn(server.url, 'lan.tracer', oneTimePassword);
    expect(lan.session.user.mustChangePassword).toBe(true);
    expect(lan.setCookie).not.toMatch(/Secure/);
    expect((await lan.get('/api/v1/venues')).status).toBe(403);
    expect((await lan.get('/api/v1/session')).status).toBe(200);
    expect(
      (await lan.post('/api/v1/session/password', { currentPassword: 'wrong', newPassword: 'một mật khẩu mới' }))
        .status,
    ).toBe(403);
    expect(
      (await lan.post('/api/v1/session/password', { currentPassword: oneTimePassword, newPassword: 'ngắn' })).status,
    ).toBe(400);
    expect(
      (
        await lan.post('/api/v1/session/password', {
          currentPassword: oneTimePassword,
          newPassword: 'một mật khẩu mới',
        })
      ).status,
    ).toBe(200);
    expect((await lan.get('/api/v1/venues')).status).toBe(200);
    expect(await signInStatus('lan.tracer', oneTimePassword)).toBe(401);
    expect(await signInStatus('lan.tracer', 'một mật khẩu mới')).toBe(200);
  });

  it('writes the signed-in person into the trace audit and requires a case reference from the console', async () => {
    await addTestUser(server.store, 'truy.vet', 'tracer');
    const tracer = await ConsoleClient.signIn(server.url, 'truy.vet');
    const query = 'idNumber=037188000123&from=2026-11-20T00:00:00%2B07:00&to=2026-11-26T00:00:00%2B07:00';
    expect((await tracer.get(`/api/v1/trace?${query}`)).status).toBe(400);
    expect((await tracer.get(`/api/v1/trace?${query}&caseRef=BN-2026-07`)).status).toBe(200);
    const audit = (await (
      await fetch(`${server.url}/api/v1/audit/traces`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { entries: TraceAuditEntry[] };
    expect(audit.entries[0]).toMatchObject({ actor: 'user:truy.vet', idNumber: '037188000123', caseRef: 'BN-2026-07' });
    expect(server.logLines.join('\n')).not.toContain('037188000123');
  });
});

describe('session cookie over HTTPS', () => {
  it('is Secure when the public URL is https or the TLS proxy says https', async () => {
    const server = await startDistrictServer(await DISTRICT_STORES[0][1](), {
      publicUrl: 'https://kiosk.huyen.example.gov.vn',
    });
    try {
      await addTestUser(server.store, 'secure', 'viewer');
      const response = await fetch(
        `${server.url}/api/v1/session`,
        json({ name: 'secure', password: TEST_PASSWORD }, { Origin: 'https://kiosk.huyen.example.gov.vn' }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await server.close();
    }
  });
});
