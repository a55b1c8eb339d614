/** Where the server's secrets come from: the admin token from a file, the environment, or (visible in `ps`) a flag. */
import { readFileSync } from 'node:fs';

/** Shortest admin token accepted: a guess at 32 random characters is hopeless even without the rate limit. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

export interface AdminTokenSources {
  readonly flag?: string;
  readonly file?: string;
  readonly env?: string;
}

/**
 * The admin token: `--admin-token-file PATH` first, then `DISTRICT_ADMIN_TOKEN`, then
 * `--admin-token` (still accepted, with a warning: any user on the machine sees it in `ps`).
 * Throws when it is shorter than {@link MIN_ADMIN_TOKEN_LENGTH}: the server does not start.
 */
export function resolveAdminToken(sources: AdminTokenSources, warn: (message: string) => void): string | undefined {
  const token = adminTokenOf(sources, warn);
  if (token !== undefined && token.length < MIN_ADMIN_TOKEN_LENGTH)
    throw new Error(
      `server: the admin token has ${token.length} characters; it needs at least ${MIN_ADMIN_TOKEN_LENGTH} (make one with: openssl rand -base64 32)`,
    );
  return token;
}

function adminTokenOf(sources: AdminTokenSources, warn: (message: string) => void): string | undefined {
  if (sources.file) {
    const token = readFileSync(sources.file, 'utf8').trim();
    if (!token) throw new Error(`server: --admin-token-file ${sources.file} is empty`);
    return token;
  }
  if (sources.env) return sources.env;
  if (sources.flag) {
    warn(
      'server: --admin-token is visible to every user of this machine in ps; use DISTRICT_ADMIN_TOKEN or --admin-token-file instead',
    );
    return sources.flag;
  }
  return undefined;
}

/** Whether the commit-crash fault hook is asked for (only when NODE_ENV is `test`). */
export function faultAfterCommitRequested(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'test' && env.DISTRICT_FAULT_AFTER_COMMIT === 'exit';
}
