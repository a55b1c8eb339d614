/** Password hashes and the sign-in lockout policy. */
import { describe, expect, it } from 'vitest';
import { afterFailure, lockRemainingMs, MAX_LOCK_MS } from '../../../server/accounts/lockout';
import { hashPassword, newOneTimePassword, verifyPassword } from '../../../server/accounts/passwords';

describe('passwords', () => {
  it('hashes with a fresh salt each time and verifies only the same password (NFC-normalised)', async () => {
    const a = await hashPassword('Mật khẩu của Lan');
    const b = await hashPassword('Mật khẩu của Lan');
    expect(a).not.toBe(b);
    expect(await verifyPassword('Mật khẩu của Lan', a)).toBe(true);
    expect(await verifyPassword('Mật khẩu của Lan'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mật khẩu của Lan', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });

  it('makes one-time passwords of 16 unambiguous characters', () => {
    const seen = new Set(Array.from({ length: 200 }, newOneTimePassword));
    expect(seen.size).toBe(200);
    for (const password of seen) expect(password).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
  });
});

describe('lockout', () => {
  it('waits after the fifth wrong password, doubling from 1 minute, never past 15', () => {
    const now = new Date('2026-11-25T03:00:00.000Z');
    let state = { failedLogins: 0, lockedUntil: null as string | null };
    const waits: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      state = afterFailure(state, now);
      waits.push(lockRemainingMs(state, now) / 60_000);
    }
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15, 15]);
    expect(Math.max(...waits) * 60_000).toBe(MAX_LOCK_MS);
  });
});
