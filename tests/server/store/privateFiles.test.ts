/** The SQLite district database holds ID numbers and names: its folder is 0700, the file and its WAL 0600. */
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';

const mode = (file: string) => statSync(file).mode & 0o7777;
const ENROLLMENT = {
  venue: { id: '01a21051-1900-7000-8000-000000000009', name: 'x', type: 'shop' as const, address: null },
  codeHash: 'h',
  createdAt: '2026-11-25T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
};

describe('SQLite district files', () => {
  it('are readable by the server user alone, also in a folder that existed world-readable', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-mode-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, 'district.sqlite');
    const store = new SqliteDistrictStore(file);
    await store.createEnrollment(ENROLLMENT);
    expect([mode(dir), mode(file), mode(`${file}-wal`)]).toEqual([0o700, 0o600, 0o600]);
    expect(store.folderShared).toBe(false);
    await store.close();
  });

  it('leave a folder shared with other files as it was (a server pointed at /tmp must not lock everyone out of it), the file still 0600', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'district-shared-'));
    chmodSync(dir, 0o1777);
    writeFileSync(path.join(dir, 'someone-elses.txt'), 'x');
    const file = path.join(dir, 'district.sqlite');
    const store = new SqliteDistrictStore(file);
    await store.createEnrollment(ENROLLMENT);
    expect([mode(dir), mode(file), mode(`${file}-wal`)]).toEqual([0o1777, 0o600, 0o600]);
    expect(store.folderShared).toBe(true);
    await store.close();
    // A restart finds its own files there and still leaves the folder alone.
    const again = new SqliteDistrictStore(file);
    expect(mode(dir)).toBe(0o1777);
    await again.close();
  });

  it("are tightened again at a restart when the folder holds only the database (and a volume's lost+found)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'district-own-'));
    mkdirSync(path.join(dir, 'lost+found'));
    const file = path.join(dir, 'district.sqlite');
    await new SqliteDistrictStore(file).close();
    chmodSync(dir, 0o755);
    const store = new SqliteDistrictStore(file);
    expect(mode(dir)).toBe(0o700);
    await store.close();
  });
});
