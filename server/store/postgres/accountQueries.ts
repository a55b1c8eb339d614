/** Accounts and sessions on PostgreSQL: plain query functions `(db, ...args)` (`topics/accountTopic.ts`). */
import { sessionFromRow, userFromRow } from '../rowMappers';
import type { NewUser, SessionRecord, UserRecord } from '../topics/accountTopic';
import { inTransaction, type PostgresDb } from './connection';

const INSERT_USER =
  'INSERT INTO users (id, name, role, password_hash, must_change_password, created_at) VALUES ($1, $2, $3, $4, $5, $6)';

const userValues = (user: NewUser) => [
  user.id,
  user.name,
  user.role,
  user.passwordHash,
  user.mustChangePassword,
  user.createdAt,
];

export async function createUser(db: PostgresDb, user: NewUser): Promise<boolean> {
  const result = await db.pool.query(`${INSERT_USER} ON CONFLICT (name) DO NOTHING`, userValues(user));
  return result.rowCount === 1;
}

export async function createFirstUser(db: PostgresDb, user: NewUser): Promise<boolean> {
  return inTransaction(db, async (client) => {
    // Two first-run forms sent at once: the lock makes the second see the first's account.
    await client.query('LOCK TABLE users IN EXCLUSIVE MODE');
    if (Number((await client.query('SELECT COUNT(*) AS n FROM users')).rows[0].n) > 0) return false;
    await client.query(INSERT_USER, userValues(user));
    return true;
  });
}

export async function countUsers(db: PostgresDb): Promise<number> {
  return Number((await db.pool.query('SELECT COUNT(*) AS n FROM users')).rows[0].n);
}

export async function findUserByName(db: PostgresDb, name: string): Promise<UserRecord | null> {
  const { rows } = await db.pool.query('SELECT * FROM users WHERE name = $1', [name]);
  return rows[0] ? userFromRow(rows[0]) : null;
}

export async function findUserById(db: PostgresDb, userId: string): Promise<UserRecord | null> {
  if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
  const { rows } = await db.pool.query('SELECT * FROM users WHERE id = $1', [userId]);
  return rows[0] ? userFromRow(rows[0]) : null;
}

export async function listUsers(db: PostgresDb): Promise<UserRecord[]> {
  return (await db.pool.query('SELECT * FROM users ORDER BY name')).rows.map(userFromRow);
}

export async function updateLoginState(
  db: PostgresDb,
  userId: string,
  failedLogins: number,
  lockedUntil: string | null,
): Promise<void> {
  await db.pool.query('UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3', [
    failedLogins,
    lockedUntil,
    userId,
  ]);
}

export async function setPassword(
  db: PostgresDb,
  userId: string,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<boolean> {
  const result = await db.pool.query(
    'UPDATE users SET password_hash = $1, must_change_password = $2, failed_logins = 0, locked_until = NULL WHERE id = $3',
    [passwordHash, mustChangePassword, userId],
  );
  return result.rowCount === 1;
}

export async function disableUser(db: PostgresDb, userId: string, now: string): Promise<boolean> {
  return inTransaction(db, async (client) => {
    const result = await client.query('UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL', [
      now,
      userId,
    ]);
    if (result.rowCount !== 1) return false;
    await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    return true;
  });
}

export async function createSession(db: PostgresDb, session: SessionRecord): Promise<void> {
  await db.pool.query(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)',
    [session.idHash, session.userId, session.csrfToken, session.createdAt, session.lastSeenAt],
  );
}

export async function findSession(db: PostgresDb, idHash: string): Promise<SessionRecord | null> {
  const { rows } = await db.pool.query('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
  return rows[0] ? sessionFromRow(rows[0]) : null;
}

export async function touchSession(db: PostgresDb, idHash: string, lastSeenAt: string): Promise<void> {
  await db.pool.query('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2', [lastSeenAt, idHash]);
}

export async function deleteSession(db: PostgresDb, idHash: string): Promise<void> {
  await db.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

export async function deleteSessionsOfUser(db: PostgresDb, userId: string, exceptIdHash = ''): Promise<void> {
  await db.pool.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [userId, exceptIdHash]);
}

export async function purgeSessions(db: PostgresDb, idleBefore: string, createdBefore: string): Promise<number> {
  const result = await db.pool.query('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [
    idleBefore,
    createdBefore,
  ]);
  return result.rowCount ?? 0;
}
