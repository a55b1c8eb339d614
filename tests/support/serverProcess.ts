/**
 * The district server as a real child process on a free loopback port, with the test admin token:
 * `startDistrictProcess` with fixed arguments, and a look at the scans it holds.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_TOKEN } from './districtHttp';
import { startDistrictProcess, type DistrictProcess } from './districtServerProcess';

export { waitForLine } from './districtServerProcess';

export interface ServerProcess extends DistrictProcess {
  /** Every scan id the server holds, with how many times (always 1 if ingest is idempotent). */
  scanIds(): string[];
}

/** `cwd`: the tree whose server runs (a benchmark's baseline); `nodeArgs`: before the script (a CPU profile). */
export async function startServerProcess(
  env: NodeJS.ProcessEnv = {},
  options: { cwd?: string; nodeArgs?: readonly string[] } = {},
): Promise<ServerProcess> {
  const server = await startDistrictProcess({
    env,
    args: ['--admin-token', ADMIN_TOKEN],
    cwd: options.cwd,
    nodeArgs: options.nodeArgs,
  });
  return {
    ...server,
    scanIds() {
      const db = new Database(path.join(server.dataDir, 'district.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT id FROM scans ORDER BY id').all() as { id: string }[]).map((row) => row.id);
      } finally {
        db.close();
      }
    },
  };
}
