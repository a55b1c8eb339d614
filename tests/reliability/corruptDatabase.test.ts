import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { SAMPLE_CCCD } from '../support/cccdSamples';

describe('a damaged database at start', () => {
  it('is kept aside, a new one started, the operator told, and scanning goes on', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-corrupt-'));
    writeFileSync(path.join(dataDir, 'kiosk.sqlite'), randomBytes(64 * 1024));
    const logger = memoryLogger();
    const kiosk = Kiosk.open({ dataDir, logger });
    expect(kiosk.parts.state.read().notices).toEqual([
      expect.objectContaining({
        code: 'database-recovered',
        detail: expect.stringMatching(/^kiosk\.damaged-.*\.sqlite$/),
      }),
    ]);
    expect(readdirSync(dataDir).some((name) => name.startsWith('kiosk.damaged-'))).toBe(true);
    expect(kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' }).outcome).toBe('recorded');
    await kiosk.close();
    expect(logger.lines.join('\n')).toContain('database damaged');
  });

  it('keeps the district credentials when the damage spares them', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-corrupt-'));
    const first = Kiosk.open({ dataDir, logger: memoryLogger() });
    for (let i = 0; i < 3000; i += 1)
      first.parts.pipeline.submit({ raw: `VE-${i}-${'x'.repeat(200)}`, source: 'serial' });
    await first.close();
    const file = path.join(dataDir, 'kiosk.sqlite');
    const db = new Database(file);
    db.prepare(
      "INSERT INTO settings (key, value) VALUES ('district-device', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(
      JSON.stringify({
        serverUrl: 'http://district.test',
        deviceId: 'd',
        deviceToken: 't',
        venueId: 'v',
        venueName: 'Cảng Lý Sơn',
        venueType: 'port',
      }),
    );
    const rootPage = (
      db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'scans_by_subject'").get() as { rootpage: number }
    ).rootpage;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over an index page of the scans: quick_check fails, the settings page is intact.
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (rootPage - 1) * pageSize);
    closeSync(fd);
    const kiosk = Kiosk.open({ dataDir, logger: memoryLogger() });
    expect(kiosk.parts.state.read().notices).toHaveLength(1);
    expect(kiosk.parts.uploader.status()).toMatchObject({ enrolled: true, venueName: 'Cảng Lý Sơn' });
    expect(existsSync(file)).toBe(true);
    await kiosk.close();
  });
});
