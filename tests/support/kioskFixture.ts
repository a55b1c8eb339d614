import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import type { SettingsPatch } from '../../shared/kioskSettings';

export interface KioskFixture {
  readonly kiosk: Kiosk;
  readonly dataDir: string;
  readonly logger: ReturnType<typeof memoryLogger>;
  /** Moves the fixture's clock forward. */
  advance(ms: number): void;
  rows(): Record<string, unknown>[];
}

/** A kiosk on a temporary data directory with a controllable clock. */
export function openKioskFixture(settings: SettingsPatch = {}, start = new Date('2026-11-25T01:00:00Z')): KioskFixture {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-core-'));
  let now = start.getTime();
  const logger = memoryLogger();
  const kiosk = Kiosk.open({ dataDir, now: () => new Date(now), logger, settingsOverride: settings });
  return {
    kiosk,
    dataDir,
    logger,
    advance: (ms) => {
      now += ms;
    },
    rows: () => {
      const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT * FROM scans ORDER BY seq').all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
  };
}
