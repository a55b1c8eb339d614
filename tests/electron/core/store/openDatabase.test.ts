import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  migrate,
  openDatabase,
  storageProblemOf,
} from '../../../../electron/core/store/openDatabase';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';

const tempFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-')), 'kiosk.sqlite');

/** A database file left by an older app: migrated up to `version`, with `insertSql` run in it. */
function databaseAtVersion(version: number, insertSql: string): string {
  const file = tempFile();
  const fixture = new Database(file);
  migrate(
    fixture,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  fixture.prepare(insertSql).run();
  expect(fixture.pragma('user_version', { simple: true })).toBe(version);
  fixture.close();
  return file;
}

describe('openDatabase', () => {
  it('sets WAL and synchronous=FULL so a commit survives a power cut', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('migration 0010 turns an empty fixture database into the initial schema', () => {
    const file = tempFile();
    new Database(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const columns = (db.prepare('PRAGMA table_info(scans)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining([
        'seq',
        'id',
        'scanned_at',
        'utc_offset_min',
        'direction',
        'source',
        'kind',
        'outcome',
        'id_number',
        'context_label',
      ]),
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    reopened.close();
  });

  it('refuses a database from a newer app version with a clear error and leaves it untouched', () => {
    const file = tempFile();
    const future = new Database(file);
    future.pragma('user_version = 9990');
    future.close();
    expect(() => openDatabase(file)).toThrow(/schema version 9990, newer than this app knows/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(9990);
    check.close();
  });
});

describe('migration 0020 (upload bookkeeping)', () => {
  it('keeps the scans of a version-10 database and adds the rejection list', () => {
    const file = databaseAtVersion(
      10,
      `INSERT INTO scans (id, scanned_at, utc_offset_min, local_day, direction, source, kind, outcome, id_number)
       VALUES ('0190f000-0000-7000-8000-000000000001', '2026-11-20T01:00:00.000Z', 420, '2026-11-20', 'in', 'wedge', 'cccd', 'recorded', '037188000123')`,
    );
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT seq, id_number FROM scans').all()).toEqual([{ seq: 1, id_number: '037188000123' }]);
    db.prepare(
      "INSERT INTO upload_rejections (scan_id, seq, reason, rejected_at) VALUES ('x', 1, 'direction', 'now')",
    ).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM upload_rejections').get()).toEqual({ n: 1 });
    db.close();
  });
});

describe('migration 0030 (declaration)', () => {
  it('adds the declaration column to a version-20 database and keeps its rows', () => {
    const file = databaseAtVersion(
      20,
      `INSERT INTO scans (id, scanned_at, utc_offset_min, local_day, source, kind, outcome) VALUES ('a', '2026-11-20T01:00:00.000Z', 420, '2026-11-20', 'wedge', 'other', 'recorded')`,
    );
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT id, declaration FROM scans').all()).toEqual([{ id: 'a', declaration: null }]);
    db.close();
  });
});

describe('storageProblemOf', () => {
  const error = (code: string) => Object.assign(new Error(code), { code });

  it('names what the disk said, and leaves errors that are not about the disk alone', () => {
    expect(storageProblemOf(error('SQLITE_READONLY_DBMOVED'))).toBe('read-only');
    expect(storageProblemOf(error('EROFS'))).toBe('read-only');
    expect(storageProblemOf(error('SQLITE_FULL'))).toBe('full');
    expect(storageProblemOf(error('ENOSPC'))).toBe('full');
    expect(storageProblemOf(error('SQLITE_IOERR_WRITE'))).toBe('unavailable');
    expect(storageProblemOf(error('SQLITE_CANTOPEN'), mkdtempSync(path.join(os.tmpdir(), 'kiosk-writable-')))).toBe(
      'unavailable',
    );
    expect(storageProblemOf(error('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageProblemOf(new TypeError('bug'))).toBeNull();
    expect(storageProblemOf(error('ENOENT'))).toBeNull();
  });
});

describe('the kiosk database on disk', () => {
  it('is private: the data folder 0700, the database, WAL and index 0600', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-private-')), 'data');
    const kiosk = Kiosk.open({ dataDir, logger: memoryLogger() });
    kiosk.parts.pipeline.submit({ raw: 'VE-PRIVATE-1', source: 'serial' });
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm'])
      expect(mode(path.join(dataDir, `kiosk.sqlite${suffix}`)), suffix).toBe(0o600);
    await kiosk.close();
  });
});
