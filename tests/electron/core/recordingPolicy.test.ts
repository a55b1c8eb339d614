import { describe, expect, it } from 'vitest';
import { decodeCode } from '../../../shared/codes/decodeCode';
import { DEFAULT_SETTINGS } from '../../../shared/contract';
import { decideAcceptance, keptFields, MAX_KEPT_CODE_TEXT } from '../../../electron/core/recordingPolicy';
import { SAMPLE_CCCD } from '../../support/cccdSamples';

const decide = (raw: string, settings = DEFAULT_SETTINGS) => decideAcceptance(decodeCode(raw, { today: '2026-11-26' }), settings);

describe('recording policy: accept or refuse', () => {
  it('accepts a valid CCCD by its ID number, and a ticket by its text', () => {
    expect(decide(SAMPLE_CCCD)).toEqual({ accepted: true, identity: 'cccd:037188000123' });
    expect(decide('VE-LS-2026-000731')).toEqual({ accepted: true, identity: 'other:VE-LS-2026-000731' });
  });

  it('refuses what is not a visitor check-in, naming why', () => {
    expect(decide('')).toEqual({ accepted: false, reason: 'unreadable' });
    expect(decide('abc\u0007def')).toEqual({ accepted: false, reason: 'unreadable' });
    expect(decide('9'.repeat(5000))).toEqual({ accepted: false, reason: 'too-long' });
    expect(decide('NZCOVIDTRACER:eyJnbG4iOiIzMzMzMyJ9')).toEqual({ accepted: false, reason: 'foreign-venue' });
    expect(decide('KIOSK-ENROLL:ABCD2345')).toEqual({ accepted: false, reason: 'enrollment-code' });
    expect(decide(SAMPLE_CCCD.replace('037188', '037190'))).toEqual({ accepted: false, reason: 'invalid-card' });
  });

  it('follows the venue’s accepted kinds', () => {
    const cccdOnly = { ...DEFAULT_SETTINGS, acceptedKinds: ['cccd' as const] };
    expect(decide('VE-LS-2026-000731', cccdOnly)).toEqual({ accepted: false, reason: 'kind-not-accepted' });
    expect(decide(SAMPLE_CCCD, cccdOnly)).toMatchObject({ accepted: true });
  });

  it('identifies a masked health QR by number, name and birth date together', () => {
    const decision = decide('******123456|NGUYEN VAN AN|1990-**-**|0|QID1|');
    expect(decision).toMatchObject({ accepted: true });
    if (decision.accepted) expect(decision.identity).toContain('NGUYEN VAN AN');
  });
});

describe('recording policy: fields kept', () => {
  const cccd = decodeCode(SAMPLE_CCCD, { today: '2026-11-26' });

  it('minimal keeps the ID, the name and the birth year only', () => {
    expect(keptFields(cccd, 'minimal')).toEqual({ idNumber: '037188000123', fullName: 'Phạm Thị Hồng', birthDate: '1988', gender: null, address: null, codeText: null });
  });

  it('full keeps every field the card carries', () => {
    expect(keptFields(cccd, 'full')).toMatchObject({ birthDate: '1988-07-23', gender: 'female', address: expect.stringContaining('Ninh Bình') });
  });

  it('keeps a plain code’s text, cut to its limit', () => {
    const long = decodeCode(`T-${'x'.repeat(400)}`);
    expect(keptFields(long, 'minimal').codeText).toHaveLength(MAX_KEPT_CODE_TEXT);
  });
});
