/**
 * The admin token need not show in `ps`: it is read from a file or DISTRICT_ADMIN_TOKEN; the flag
 * still works but warns on stderr. Checked on the real CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../server/config';
import { startDistrictProcess } from '../support/districtServerProcess';
import { startServerProcess } from '../support/serverProcess';

const devicesWith = (url: string, token: string) =>
  fetch(`${url}/api/v1/stats/devices`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('admin token sources', () => {
  it('prefers the file, then the environment, then the flag (with a warning)', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'token-')), 'admin-token');
    const [fromFile, fromEnv, fromFlag] = ['file', 'env', 'flag'].map((where) => `from-${where}-`.padEnd(32, 'x'));
    writeFileSync(file, `${fromFile}\n`, { mode: 0o600 });
    const warnings: string[] = [];
    expect(resolveAdminToken({ file, env: fromEnv, flag: fromFlag }, (w) => warnings.push(w))).toBe(fromFile);
    expect(resolveAdminToken({ env: fromEnv, flag: fromFlag }, (w) => warnings.push(w))).toBe(fromEnv);
    expect(warnings).toEqual([]);
    expect(resolveAdminToken({ flag: fromFlag }, (w) => warnings.push(w))).toBe(fromFlag);
    expect(warnings).toEqual([expect.stringContaining('visible to every user of this machine in ps')]);
  });

  it('refuses a token under 32 characters from any source, and the server does not start', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'token-')), 'admin-token');
    writeFileSync(file, 'short-token\n', { mode: 0o600 });
    const short = 'x'.repeat(31);
    for (const sources of [{ file }, { env: short }, { flag: short }])
      expect(() => resolveAdminToken(sources, () => undefined)).toThrow(/at least 32/);
    expect(resolveAdminToken({ env: 'x'.repeat(32) }, () => undefined)).toBe('x'.repeat(32));
    await expect(startDistrictProcess({ env: { DISTRICT_ADMIN_TOKEN: 'admin' } })).rejects.toThrow(
      /the admin token has 5 characters; it needs at least 32/,
    );
  });

  it('serves with --admin-token-file, and warns about --admin-token on stderr', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'token-')), 'admin-token');
    writeFileSync(file, 'secret-from-file-0123456789-abcdef\n', { mode: 0o600 });
    const fromFile = await startDistrictProcess({ args: ['--admin-token-file', file] });
    try {
      expect(await devicesWith(fromFile.url, 'secret-from-file-0123456789-abcdef')).toBe(200);
      expect(await devicesWith(fromFile.url, 'wrong')).toBe(401);
      expect(fromFile.stderr()).not.toContain('visible to every user');
    } finally {
      await fromFile.stop();
    }
    const fromFlag = await startDistrictProcess({ args: ['--admin-token', 'secret-from-flag-0123456789-abcdef'] });
    try {
      expect(await devicesWith(fromFlag.url, 'secret-from-flag-0123456789-abcdef')).toBe(200);
      expect(fromFlag.stderr()).toContain('--admin-token is visible to every user of this machine in ps');
    } finally {
      await fromFlag.stop();
    }
  }, 60_000);
});

describe('a read replica for traces', () => {
  it('refuses DATABASE_READ_URL without DATABASE_URL, with a clear error', async () => {
    await expect(
      startServerProcess({ DATABASE_URL: '', DATABASE_READ_URL: 'postgres://kiosk@127.0.0.1:1/postgres' }),
    ).rejects.toThrow(/DATABASE_READ_URL is a PostgreSQL replica of DATABASE_URL; set both/);
  });

  it('does not start on databases it cannot reach, and does not print their passwords', async () => {
    const error = await startServerProcess({
      DATABASE_URL: 'postgres://kiosk:pw-secret@127.0.0.1:1/postgres',
      DATABASE_READ_URL: 'postgres://kiosk:pw-secret@127.0.0.1:1/postgres',
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('pw-secret');
  });
});
