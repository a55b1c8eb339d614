/** People's accounts and their console sessions, as each engine's `accountQueries.ts` answers. */
import type { Role } from '../../../shared/console';

export interface UserRecord {
  readonly id: string;
  /** Lower case; unique. */
  readonly name: string;
  readonly role: Role;
  /** `scrypt$N$r$p$salt$key`. */
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export type NewUser = Omit<UserRecord, 'failedLogins' | 'lockedUntil' | 'disabledAt'>;

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie's random id; the id itself is never stored. */
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

export interface AccountQueries {
  /** Creates an account; false when the name is taken. */
  createUser(user: NewUser): Promise<boolean>;
  /** Creates the first account only if there is none yet (atomic); false otherwise. */
  createFirstUser(user: NewUser): Promise<boolean>;
  countUsers(): Promise<number>;
  findUserByName(name: string): Promise<UserRecord | null>;
  findUserById(userId: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateLoginState(userId: string, failedLogins: number, lockedUntil: string | null): Promise<void>;
  /** Sets a new password hash (and whether it is one-time), clears the lockout. */
  setPassword(userId: string, passwordHash: string, mustChangePassword: boolean): Promise<boolean>;
  /** Disables an account and ends its sessions. */
  disableUser(userId: string, now: string): Promise<boolean>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an account but `exceptIdHash`. */
  deleteSessionsOfUser(userId: string, exceptIdHash?: string): Promise<void>;
  /** Deletes sessions last seen before `idleBefore` or created before `createdBefore` (both over); returns how many. */
  purgeSessions(idleBefore: string, createdBefore: string): Promise<number>;
}
