/** Accounts and sessions on SQLite: plain query functions `(db, ...args)` (`topics/accountTopic.ts`). Times are epoch ms here. */
import { sessionFromRow, userFromRow, type SessionDbRow, type UserDbRow } from '../rowMappers';
import type { NewUser, SessionRecord, UserRecord } from '../topics/accountTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

const INSERT_USER = `INSERT INTO users (id, name, role, password_hash, must_change_password, created_at) VALUES (@id, @name, @role, @passwordHash, @mustChangePassword, @createdAt)
   ON CONFLICT (name) DO NOTHING`;
const COUNT_USERS = 'SELECT COUNT(*) FROM users';
const DELETE_SESSIONS_OF_USER = 'DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?';

function userRow(user: NewUser) {
  return { ...user, mustChangePassword: user.mustChangePassword ? 1 : 0, createdAt: Date.parse(user.createdAt) };
}

export function createUser(db: SqliteDatabase, user: NewUser): boolean {
  return prepared(db, INSERT_USER).run(userRow(user)).changes === 1;
}

export function createFirstUser(db: SqliteDatabase, user: NewUser): boolean {
  return db.transaction(
    () =>
      (prepared(db, COUNT_USERS).pluck().get() as number) === 0 &&
      prepared(db, INSERT_USER).run(userRow(user)).changes === 1,
  )();
}

export function countUsers(db: SqliteDatabase): number {
  return prepared(db, COUNT_USERS).pluck().get() as number;
}

export function findUserByName(db: SqliteDatabase, name: string): UserRecord | null {
  const row = prepared(db, 'SELECT * FROM users WHERE name = ?').get(name) as UserDbRow | undefined;
  return row ? userFromRow(row) : null;
}

export function findUserById(db: SqliteDatabase, userId: string): UserRecord | null {
  const row = prepared(db, 'SELECT * FROM users WHERE id = ?').get(userId) as UserDbRow | undefined;
  return row ? userFromRow(row) : null;
}

export function listUsers(db: SqliteDatabase): UserRecord[] {
  return (prepared(db, 'SELECT * FROM users ORDER BY name').all() as UserDbRow[]).map(userFromRow);
}

export function updateLoginState(
  db: SqliteDatabase,
  userId: string,
  failedLogins: number,
  lockedUntil: string | null,
): void {
  prepared(db, 'UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(
    failedLogins,
    lockedUntil === null ? null : Date.parse(lockedUntil),
    userId,
  );
}

export function setPassword(
  db: SqliteDatabase,
  userId: string,
  passwordHash: string,
  mustChangePassword: boolean,
): boolean {
  return (
    prepared(
      db,
      'UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL WHERE id = ?',
    ).run(passwordHash, mustChangePassword ? 1 : 0, userId).changes === 1
  );
}

export function disableUser(db: SqliteDatabase, userId: string, now: string): boolean {
  return db.transaction(() => {
    if (
      prepared(db, 'UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL').run(Date.parse(now), userId)
        .changes !== 1
    )
      return false;
    prepared(db, DELETE_SESSIONS_OF_USER).run(userId, '');
    return true;
  })();
}

export function createSession(db: SqliteDatabase, session: SessionRecord): void {
  prepared(
    db,
    'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    session.idHash,
    session.userId,
    session.csrfToken,
    Date.parse(session.createdAt),
    Date.parse(session.lastSeenAt),
  );
}

export function findSession(db: SqliteDatabase, idHash: string): SessionRecord | null {
  const row = prepared(db, 'SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionDbRow | undefined;
  return row ? sessionFromRow(row) : null;
}

export function touchSession(db: SqliteDatabase, idHash: string, lastSeenAt: string): void {
  prepared(db, 'UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(Date.parse(lastSeenAt), idHash);
}

export function deleteSession(db: SqliteDatabase, idHash: string): void {
  prepared(db, 'DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}

export function deleteSessionsOfUser(db: SqliteDatabase, userId: string, exceptIdHash = ''): void {
  prepared(db, DELETE_SESSIONS_OF_USER).run(userId, exceptIdHash);
}

export function purgeSessions(db: SqliteDatabase, idleBefore: string, createdBefore: string): number {
  return prepared(db, 'DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(
    Date.parse(idleBefore),
    Date.parse(createdBefore),
  ).changes;
}
