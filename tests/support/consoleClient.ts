/**
 * A console user as the server sees one: an account made in the store, and a client that signs in
 * and then sends the session cookie, the CSRF token and the console's Origin the way the pages do.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Role, SessionResponse } from '../../shared/console';
import { hashPassword } from '../../server/accounts/passwords';
import type { DistrictStore, UserRecord } from '../../server/store/DistrictStore';

export const TEST_PASSWORD = 'mật khẩu đủ dài 2026';

/** An account with a chosen password (no one-time password to change). */
export async function addTestUser(
  store: DistrictStore,
  name: string,
  role: Role,
  password = TEST_PASSWORD,
): Promise<UserRecord> {
  const user: UserRecord = {
    id: uuidv7(),
    name,
    role,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    disabledAt: null,
  };
  if (!(await store.createUser(user))) throw new Error(`addTestUser: ${name} exists`);
  return user;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Send the session's CSRF token (default yes). */
  readonly csrf?: boolean;
  /** The Origin header (default the server's own; null for none). */
  readonly origin?: string | null;
}

export class ConsoleClient {
  private constructor(
    readonly url: string,
    readonly cookie: string,
    readonly session: SessionResponse,
    readonly setCookie: string,
  ) {}

  /** Signs in; throws with the status when the server refuses. */
  static async signIn(url: string, name: string, password = TEST_PASSWORD): Promise<ConsoleClient> {
    const response = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url },
      body: JSON.stringify({ name, password }),
    });
    if (response.status !== 200) throw new Error(`signIn ${name}: ${response.status} ${await response.text()}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return new ConsoleClient(url, setCookie.split(';')[0], (await response.json()) as SessionResponse, setCookie);
  }

  request(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Cookie: this.cookie };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.csrf ?? true) headers['X-CSRF-Token'] = this.session.csrfToken;
    const origin = options.origin === undefined ? this.url : options.origin;
    if (origin !== null) headers.Origin = origin;
    return fetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<Response> {
    return this.request('POST', path, { ...options, body });
  }
}
