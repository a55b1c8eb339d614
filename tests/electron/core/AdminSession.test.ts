import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kiosk } from '../../../electron/core/Kiosk';
import { dispatchKioskCall } from '../../../electron/core/dispatchKioskCall';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';

let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());

describe('admin PIN', () => {
  it('is set once freely, then only with the current PIN, and never stored in clear', async () => {
    fixture = openKioskFixture();
    const call = (method: string, input: unknown) =>
      dispatchKioskCall(fixture.kiosk.parts, method, input, fixture.logger);
    expect(fixture.kiosk.parts.state.read().adminPinSet).toBe(false);
    expect(await call('setAdminPin', { newPin: '12a4' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('setAdminPin', { newPin: '2468' })).toEqual({ ok: true, value: true });
    expect(await call('setAdminPin', { newPin: '1357' })).toMatchObject({ ok: false, error: { code: 'pin-wrong' } });
    expect(await call('setAdminPin', { newPin: '1357', currentPin: '2468' })).toEqual({ ok: true, value: true });
    expect(fixture.kiosk.parts.state.read().adminPinSet).toBe(true);
    expect(JSON.stringify(fixture.kiosk.parts.state.read())).not.toContain('1357');
  });

  it('locks out after five wrong PINs, across a restart, longer each time up to 15 minutes, and forgives after the right PIN', async () => {
    fixture = openKioskFixture();
    const exit = vi.fn();
    await fixture.kiosk.close();
    let now = Date.parse('2026-11-25T01:00:00Z');
    let kiosk = Kiosk.open({
      dataDir: fixture.dataDir,
      logger: fixture.logger,
      now: () => new Date(now),
      onExitRequested: exit,
    });
    kiosk.parts.admin.setPin('2468');
    for (let i = 0; i < 4; i += 1) expect(() => kiosk.parts.admin.exit('0000')).toThrow(/wrong PIN/);
    expect(() => kiosk.parts.admin.exit('0000')).toThrow(/too many wrong PINs/);
    await kiosk.close();
    kiosk = Kiosk.open({
      dataDir: fixture.dataDir,
      logger: fixture.logger,
      now: () => new Date(now),
      onExitRequested: exit,
    });
    expect(() => kiosk.parts.admin.exit('2468')).toThrow(/too many wrong PINs/);
    expect(exit).not.toHaveBeenCalled();
    // Someone keeps trying wrong PINs: 5, 10, then at most 15 minutes, however often.
    const lockouts: number[] = [];
    for (let round = 0; round < 12; round += 1) {
      const lockedAt = now;
      while (true) {
        now += 60_000;
        try {
          kiosk.parts.admin.exit('1111');
        } catch (error) {
          if (/too many/.test(String(error))) continue;
        }
        break;
      }
      lockouts.push(now - lockedAt);
      for (let i = 0; i < 4; i += 1) expect(() => kiosk.parts.admin.exit('1111')).toThrow(/wrong PIN/);
    }
    expect(lockouts.slice(0, 3)).toEqual([5 * 60_000, 10 * 60_000, 15 * 60_000]);
    expect(Math.max(...lockouts)).toBe(15 * 60_000);
    // The right PIN, once the lockout is over, forgives: the next lockout is short again.
    now += 15 * 60_000;
    expect(kiosk.parts.admin.exit('2468')).toBe(true);
    for (let i = 0; i < 5; i += 1) expect(() => kiosk.parts.admin.exit('1111')).toThrow();
    now += 5 * 60_000 + 1;
    expect(kiosk.parts.admin.exit('2468')).toBe(true);
    expect(exit).toHaveBeenCalledTimes(2);
    await kiosk.close();
    expect(fixture.logger.lines.join('\n')).not.toMatch(/2468|1111/);
  });

  it('lets district IT set a new PIN from the machine (stdin, not a flag) for a kiosk locked out, while it runs', async () => {
    fixture = openKioskFixture();
    fixture.kiosk.parts.admin.setPin('2468');
    for (let i = 0; i < 5; i += 1) expect(() => fixture.kiosk.parts.admin.exit('1111')).toThrow();
    expect(() => fixture.kiosk.parts.admin.exit('2468')).toThrow(/too many wrong PINs/);
    const reset = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/core/cli.ts', 'reset-pin', '--data', fixture.dataDir],
      { input: '97531\n', encoding: 'utf8' },
    );
    expect(reset.status, reset.stderr).toBe(0);
    expect(fixture.kiosk.parts.admin.exit('97531')).toBe(true);
    const refused = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/core/cli.ts', 'reset-pin', '--data', fixture.dataDir],
      { input: '12ab\n', encoding: 'utf8' },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('4 to 8 digits');
  });

  it('cannot exit the kiosk before a PIN is set', () => {
    fixture = openKioskFixture();
    expect(() => fixture.kiosk.parts.admin.exit('1234')).toThrow(/no admin PIN/);
  });
});
