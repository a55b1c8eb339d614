/** Bench-only: fills a kiosk database with N recorded scans quickly (direct SQL, one transaction). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Kiosk } from '../electron/core/Kiosk';
import { memoryLogger } from '../electron/core/log';
import { openDatabase } from '../electron/core/store/openDatabase';

/** A data directory holding a kiosk database with `count` recorded, not yet uploaded scans. */
export async function kioskWithPendingScans(count: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-kiosk-data-'));
  await Kiosk.open({ dataDir, logger: memoryLogger() }).close();
  const db = openDatabase(path.join(dataDir, 'kiosk.sqlite'));
  const insert = db.prepare(
    `INSERT INTO scans (id, scanned_at, utc_offset_min, local_day, direction, source, kind, outcome, problems, subject_key, id_number, full_name, birth_date)
     VALUES (?, ?, 420, ?, 'in', 'wedge', 'cccd', 'recorded', '', ?, ?, 'Phạm Thị Hồng', '1988')`,
  );
  const start = Date.now() - 6 * 86_400_000;
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    db.transaction(() => {
      for (let i = done; i < Math.min(count, done + chunk); i += 1) {
        const at = start + i * 300;
        insert.run(
          uuidv7({ msecs: at }),
          new Date(at).toISOString(),
          new Date(at + 7 * 3_600_000).toISOString().slice(0, 10),
          `k${i % 50_000}`,
          `0371880${String(i % 100_000).padStart(5, '0')}`,
        );
      }
    })();
  }
  db.close();
  return dataDir;
}
