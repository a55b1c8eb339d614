/** `npm run server -- user add`: the real CLI on the server's database prints a one-time password that signs in once. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startDistrictProcess } from '../support/districtServerProcess';

const run = promisify(execFile);
const cli = (args: readonly string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '' } });

describe('server user add', () => {
  it('creates an account whose one-time password must be changed at first sign-in', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'district-cli-'));
    const { stdout } = await cli(['user', 'add', '--data', dataDir, '--name', 'Hoa.Tracer', '--role', 'tracer']);
    const password = /\n([a-z2-9-]{19})\n$/.exec(stdout)?.[1];
    expect(stdout).toMatch(/^account hoa\.tracer \(tracer\) created/);
    expect(password).toBeDefined();
    await expect(cli(['user', 'add', '--data', dataDir, '--name', 'hoa.tracer', '--role', 'it'])).rejects.toThrow(
      /exists/,
    );
    await expect(cli(['user', 'add', '--data', dataDir, '--name', 'x y', '--role', 'it'])).rejects.toThrow(/--name/);
    // A look-alike (Cyrillic "а") would read as an existing name in the audit.
    await expect(cli(['user', 'add', '--data', dataDir, '--name', 'tr\u0430cer1', '--role', 'it'])).rejects.toThrow(
      /--name/,
    );
    await expect(cli(['user', 'add', '--data', dataDir, '--name', 'ok', '--role', 'admin'])).rejects.toThrow(/--role/);

    const server = await startDistrictProcess({ dataDir });
    try {
      const response = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'hoa.tracer', password }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        user: { name: 'hoa.tracer', role: 'tracer', mustChangePassword: true },
      });
    } finally {
      await server.stop();
    }
  });
});
