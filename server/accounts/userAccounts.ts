/** Creating console accounts and giving one-time passwords: shared by the users routes and the CLI. */
import { v7 as uuidv7 } from 'uuid';
import type { Role, UserSummary } from '../../shared/console';
import type { DistrictStore, UserRecord } from '../store/DistrictStore';
import { hashPassword, newOneTimePassword } from './passwords';

/** What the console shows of an account (never its hash). */
export function userSummary(user: UserRecord, now: Date): UserSummary {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    locked: user.lockedUntil !== null && Date.parse(user.lockedUntil) > now.getTime(),
  };
}

/** Creates an account with a one-time password (to be changed at first sign-in); null when the name is taken. */
export async function addUser(
  store: DistrictStore,
  name: string,
  role: Role,
  now: Date,
): Promise<{ user: UserRecord; oneTimePassword: string } | null> {
  const oneTimePassword = newOneTimePassword();
  const user: UserRecord = {
    id: uuidv7(),
    name,
    role,
    passwordHash: await hashPassword(oneTimePassword),
    mustChangePassword: true,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now.toISOString(),
    disabledAt: null,
  };
  return (await store.createUser(user)) ? { user, oneTimePassword } : null;
}

/** Gives an account a new one-time password, clears its lockout and ends its sessions; null when there is no such account. */
export async function resetPassword(
  store: DistrictStore,
  userId: string,
): Promise<{ user: UserRecord; oneTimePassword: string } | null> {
  const user = await store.findUserById(userId);
  if (!user) return null;
  const oneTimePassword = newOneTimePassword();
  await store.setPassword(user.id, await hashPassword(oneTimePassword), true);
  await store.deleteSessionsOfUser(user.id);
  return { user: { ...user, mustChangePassword: true, failedLogins: 0, lockedUntil: null }, oneTimePassword };
}
