/**
 * Text no store can keep (NUL, C0 controls, lone surrogates) never reaches a row: what people type is
 * refused with a clear error, a scan carrying it is refused as unreadable, and the kiosk keeps scanning.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKioskCall } from '../../../electron/core/dispatchKioskCall';
import { cleanText, hasUnsafeText } from '../../../shared/safeText';
import { SAMPLE_CCCD } from '../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';

let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());
const call = (method: string, input: unknown) => dispatchKioskCall(fixture.kiosk.parts, method, input, fixture.logger);
const BAD = ['\u0000', '\u0007', '\uD800', '\uDC00x', '\u007F'];

describe('text every store can keep', () => {
  it('refuses a hand-typed name, a sailing label or settings text with a control or a broken character', async () => {
    fixture = openKioskFixture();
    for (const bad of BAD) {
      expect(
        await call('recordManual', { fullName: `Trần${bad} Mai`, phone: '0912345678' }),
        JSON.stringify(bad),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await call('setCounterOptions', { contextLabel: `Tàu${bad} 07:30` })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect(await call('updateSettings', { venueName: `Cảng${bad}` })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(await call('recordManual', { fullName: 'Trần Thị Mai', phone: '0912345678' })).toMatchObject({
      ok: true,
      value: { outcome: 'recorded' },
    });
    expect(fixture.rows().every((row) => !hasUnsafeText(JSON.stringify(row)))).toBe(true);
  });

  it('refuses a scan with a lone surrogate as unreadable, storing none of its text, and keeps scanning', async () => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    const broken = SAMPLE_CCCD.replace('Phạm', 'Ph\uD800m');
    expect(await call('submitScan', { raw: broken, source: 'wedge' })).toMatchObject({
      ok: true,
      value: { outcome: 'refused', reason: 'unreadable' },
    });
    expect(await call('submitScan', { raw: 'VE-\uDC00-1', source: 'serial' })).toMatchObject({
      ok: true,
      value: { outcome: 'refused', reason: 'unreadable' },
    });
    expect(await call('submitScan', { raw: SAMPLE_CCCD, source: 'wedge' })).toMatchObject({
      ok: true,
      value: { outcome: 'recorded' },
    });
    const rows = fixture.rows();
    expect(
      rows.filter((row) => row.outcome === 'refused').every((row) => row.full_name === null && row.code_text === null),
    ).toBe(true);
  });

  it('cleans any text to a form with nothing unsafe left, and leaves Vietnamese text alone', () => {
    expect(cleanText('Phạm Thị Hồng')).toBe('Phạm Thị Hồng');
    expect(cleanText('A\u0000B\uD800C')).toBe('AB\uFFFDC');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(hasUnsafeText(cleanText(text))).toBe(false);
      }),
    );
  });
});
