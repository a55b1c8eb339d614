/** The SQLite district database holds ID numbers and names: its folder is 0700, the file and its WAL 0600. */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('SQLite district files', () => {
  it('are readable by the server user alone, also in a folder that existed world-readable', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-mode-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, 'district.sqlite');
    const store = new SqliteDistrictStore(file);
    await store.createEnrollment({ venue: { id: '01a21051-1900-7000-8000-000000000009', name: 'x', type: 'shop', address: null }, codeHash: 'h', createdAt: '2026-11-25T00:00:00.000Z', expiresAt: '2026-12-01T00:00:00.000Z' });
    expect([mode(dir), mode(file), mode(`${file}-wal`)]).toEqual([0o700, 0o600, 0o600]);
    await store.close();
  });
});
