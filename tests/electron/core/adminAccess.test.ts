import { afterEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../electron/core/Kiosk';
import { dispatchKioskCall } from '../../../electron/core/dispatchKioskCall';
import { SAMPLE_CCCD } from '../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';

let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());
const call = (method: string, input: unknown) => dispatchKioskCall(fixture.kiosk.parts, method, input, fixture.logger);

describe('admin access, enforced by the core', () => {
  it('lets the first-run setup change settings, then only with the PIN for five minutes', async () => {
    fixture = openKioskFixture();
    expect(await call('updateSettings', { venueName: 'Cảng Lý Sơn' })).toMatchObject({ ok: true });
    expect(await call('updateSettings', { setupDone: true })).toMatchObject({
      ok: false,
      error: { code: 'pin-not-set' },
    });
    await call('setAdminPin', { newPin: '2468' });
    expect(await call('updateSettings', { setupDone: true })).toMatchObject({ ok: true });
    expect(await call('updateSettings', { venueName: 'Other' })).toMatchObject({
      ok: false,
      error: { code: 'admin-locked' },
    });
    expect(await call('enroll', { code: 'ABCDEFGH23', serverUrl: 'http://127.0.0.1:9' })).toMatchObject({
      ok: false,
      error: { code: 'admin-locked' },
    });
    expect(await call('exportScans', {})).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
    expect(await call('unlockAdmin', { pin: '0000' })).toMatchObject({ ok: false, error: { code: 'pin-wrong' } });
    expect(await call('unlockAdmin', { pin: '2468' })).toMatchObject({ ok: true });
    expect(await call('updateSettings', { venueName: 'Bến Sa Kỳ' })).toMatchObject({
      ok: true,
      value: { venueName: 'Bến Sa Kỳ' },
    });
    fixture.advance(5 * 60_000 + 1);
    expect(await call('updateSettings', { venueName: 'Late' })).toMatchObject({
      ok: false,
      error: { code: 'admin-locked' },
    });
    expect(await call('setLanguage', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('gives counter staff the day’s tools without the PIN, but not an unattended kiosk', async () => {
    fixture = openKioskFixture({ kioskMode: 'counter' });
    fixture.kiosk.parts.admin.setPin('2468');
    fixture.kiosk.parts.settings.update({ setupDone: true });
    expect(await call('setCounterOptions', { directionMode: 'out', contextLabel: 'Tàu 07:30' })).toMatchObject({
      ok: true,
    });
    expect(await call('setCounterOptions', { venueName: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('listScans', {})).toMatchObject({ ok: true });
    expect(await call('insideNow', {})).toMatchObject({ ok: true });
    fixture.kiosk.parts.settings.update({ kioskMode: 'self-service' });
    for (const [method, input] of [
      ['setCounterOptions', { directionMode: 'in' }],
      ['listScans', {}],
      ['insideNow', {}],
      ['setScannerTest', { on: true }],
    ] as const) {
      expect(await call(method, input), method).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
    }
    expect(await call('submitScan', { raw: SAMPLE_CCCD, source: 'wedge' })).toMatchObject({
      ok: true,
      value: { outcome: 'recorded' },
    });
  });
});

describe('log, inside now, exports', () => {
  it('searches today, lists who is inside, and exports a day or a sailing as CSV', async () => {
    fixture = openKioskFixture({ directionMode: 'auto', duplicateWindowSeconds: 0, privacyProfile: 'full' });
    const kiosk: Kiosk = fixture.kiosk;
    kiosk.parts.settings.update({ contextLabel: 'Tàu 07:30' });
    kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    kiosk.parts.pipeline.submit({
      raw: '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Hà Nội|15032022',
      source: 'wedge',
    });
    kiosk.parts.settings.update({ contextLabel: null });
    kiosk.parts.pipeline.submit({
      raw: '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Hà Nội|15032022',
      source: 'wedge',
    });
    kiosk.parts.pipeline.submit({ raw: '50%_off', source: 'wedge' });
    expect(kiosk.parts.state.read()).toMatchObject({ insideCount: 2 });
    expect(kiosk.parts.log.insideNow().map((e) => e.displayName)).toEqual([null, 'Phạm Thị Hồng']);
    expect(kiosk.parts.log.list(undefined, 'Văn An').map((e) => e.direction)).toEqual(['out', 'in']);
    expect(kiosk.parts.log.list(undefined, '%').map((e) => e.kind)).toEqual(['other']);
    expect(kiosk.parts.log.list(undefined, '_').map((e) => e.kind)).toEqual(['other']);
    const day = kiosk.parts.log.exportScans(undefined, undefined);
    expect(day.columns).toEqual([
      'time',
      'direction',
      'kind',
      'idNumber',
      'fullName',
      'birthDate',
      'gender',
      'address',
      'code',
      'context',
      'boarded',
    ]);
    expect(day.rows).toHaveLength(4);
    expect(day.rows[0].slice(1, 7)).toEqual(['in', 'cccd', '037188000123', 'Phạm Thị Hồng', '1988-07-23', 'female']);
    const sailing = kiosk.parts.log.exportScans(undefined, 'Tàu 07:30');
    expect(sailing.rows).toHaveLength(2);
    expect(sailing.rows.every((row) => row[9] === 'Tàu 07:30')).toBe(true);
  });
});

describe('hourly counts and purge', () => {
  it('counts today’s scans by local hour, and purges only past retention, with admin', async () => {
    fixture = openKioskFixture({ directionMode: 'in', retentionDays: 7 }, new Date('2026-11-01T01:30:00Z'));
    fixture.kiosk.parts.pipeline.submit({ raw: 'OLD-1', source: 'serial' });
    fixture.advance(24 * 86_400_000);
    fixture.kiosk.parts.pipeline.submit({ raw: 'NEW-1', source: 'serial' });
    fixture.kiosk.parts.pipeline.submit({ raw: 'NEW-2', source: 'serial' });
    const hours = fixture.kiosk.parts.log.hourlyCounts();
    const localHour = new Date(
      Date.parse('2026-11-25T01:30:00Z') - new Date().getTimezoneOffset() * 60_000,
    ).getUTCHours();
    expect(hours).toHaveLength(24);
    expect(hours[localHour]).toEqual({ hour: localHour, in: 2, out: 0 });
    expect(hours.reduce((sum, h) => sum + h.in, 0)).toBe(2);
    fixture.kiosk.parts.admin.setPin('2468');
    fixture.kiosk.parts.settings.update({ setupDone: true });
    expect(await call('purgeExpired', {})).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
    fixture.kiosk.parts.admin.unlock('2468');
    expect(await call('purgeExpired', {})).toEqual({ ok: true, value: 1 });
    expect(fixture.rows().map((row) => row.code_text)).toEqual(['NEW-1', 'NEW-2']);
  });
});

describe('manual entry', () => {
  it('records a visitor with no code like a scan, marked manual, and refuses it on an unattended kiosk', async () => {
    fixture = openKioskFixture({ directionMode: 'auto', duplicateWindowSeconds: 60 });
    expect(await call('recordManual', { fullName: 'Trần Thị Mai' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('recordManual', { fullName: 'Trần Thị Mai', phone: 'call me' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(
      await call('recordManual', { fullName: 'Trần Thị Mai', phone: '0912 345 678', direction: 'in' }),
    ).toMatchObject({
      ok: true,
      value: { outcome: 'recorded', source: 'manual', direction: 'in', displayName: 'Trần Thị Mai' },
    });
    expect(await call('recordManual', { fullName: 'Trần Thị Mai', phone: '0912345678' })).toMatchObject({
      ok: true,
      value: { outcome: 'duplicate' },
    });
    expect(
      await call('recordManual', { fullName: 'Lê Văn Tư', idNumber: '051300000111', direction: 'out' }),
    ).toMatchObject({ ok: true, value: { outcome: 'recorded', maskedId: '••••••••0111' } });
    expect(fixture.rows()).toEqual([
      expect.objectContaining({
        source: 'manual',
        full_name: 'Trần Thị Mai',
        code_text: '0912 345 678',
        id_number: null,
      }),
      expect.objectContaining({
        source: 'manual',
        full_name: 'Lê Văn Tư',
        id_number: '051300000111',
        direction: 'out',
      }),
    ]);
    fixture.kiosk.parts.admin.setPin('2468');
    fixture.kiosk.parts.settings.update({ setupDone: true, kioskMode: 'self-service' });
    expect(await call('recordManual', { fullName: 'X Y', phone: '0912345679' })).toMatchObject({
      ok: false,
      error: { code: 'admin-locked' },
    });
  });
});

describe('self-service health declaration', () => {
  it('waits for the answers, records only a summary, turns amber on a yes, and expires', () => {
    fixture = openKioskFixture({
      kioskMode: 'self-service',
      directionMode: 'in',
      duplicateWindowSeconds: 0,
      healthQuestions: ['Sốt, ho trong 14 ngày qua?', 'Tiếp xúc F0?'],
    });
    const scan = () => fixture.kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    expect(scan()).toMatchObject({ outcome: 'needs-declaration', displayName: 'Phạm Thị Hồng' });
    expect(fixture.rows()).toHaveLength(0);
    expect(() => fixture.kiosk.parts.pipeline.submitDeclaration([false])).toThrow(/answer every question/);
    expect(fixture.kiosk.parts.pipeline.submitDeclaration([false, false])).toMatchObject({
      outcome: 'recorded',
      declaredYes: false,
    });
    expect(() => fixture.kiosk.parts.pipeline.submitDeclaration([false, false])).toThrow(/no scan is waiting/);
    scan();
    expect(fixture.kiosk.parts.pipeline.submitDeclaration([false, true])).toMatchObject({
      outcome: 'recorded',
      declaredYes: true,
    });
    scan();
    fixture.advance(61_000);
    expect(() => fixture.kiosk.parts.pipeline.submitDeclaration([false, false])).toThrow(/scan again/);
    expect(fixture.rows().map((row) => row.declaration)).toEqual(['all-no', 'yes:2']);
    fixture.kiosk.parts.settings.update({ kioskMode: 'counter' });
    expect(scan().outcome).toBe('recorded');
  });
});
