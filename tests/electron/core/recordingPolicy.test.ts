import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCode } from '../../../shared/codes/decodeCode';
import { DEFAULT_SETTINGS } from '../../../shared/kioskSettings';
import { decideAcceptance, keptFields, MAX_KEPT_CODE_TEXT } from '../../../electron/core/recordingPolicy';
import { arbitraryCccd, cccdText, SAMPLE_CCCD } from '../../support/cccdSamples';
import { CARD_DAMAGES, foldLetters, loseFirstKeys } from '../../shared/codes/cardDamage';

const decide = (raw: string, settings = DEFAULT_SETTINGS) =>
  decideAcceptance(decodeCode(raw, { today: '2026-11-26' }), settings);

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
    expect(keptFields(cccd, 'minimal')).toEqual({
      idNumber: '037188000123',
      fullName: 'Phạm Thị Hồng',
      birthDate: '1988',
      gender: null,
      address: null,
      codeText: null,
    });
  });

  it('full keeps every field the card carries', () => {
    expect(keptFields(cccd, 'full')).toMatchObject({
      birthDate: '1988-07-23',
      gender: 'female',
      address: expect.stringContaining('Ninh Bình'),
    });
  });

  it('keeps a plain code’s text, cut to its limit', () => {
    const long = decodeCode(`T-${'x'.repeat(400)}`);
    expect(keptFields(long, 'minimal').codeText).toHaveLength(MAX_KEPT_CODE_TEXT);
  });
});

describe('recording policy: damaged cards (property)', () => {
  const settings = { ...DEFAULT_SETTINGS, privacyProfile: 'full' as const };
  const damageNames = Object.keys(CARD_DAMAGES);
  /** What the district would get: the decision and the fields the row keeps. */
  const outcomeOf = (raw: string) => {
    const code = decodeCode(raw, { today: '2026-11-26' });
    const decision = decideAcceptance(code, settings, 'port');
    return { code, decision, kept: decision.accepted ? keptFields(code, settings.privacyProfile) : null };
  };

  it('records any valid CCCD under its own ID or refuses it, after any damage a scanner does, with or without its first keys; never as a plain code', () => {
    fc.assert(
      fc.property(
        arbitraryCccd,
        fc.constantFrom(...damageNames),
        fc.integer({ min: 0, max: 3 }),
        (card, damage, lostKeys) => {
          const raw = loseFirstKeys(CARD_DAMAGES[damage](cccdText(card)), lostKeys);
          const { code, decision, kept } = outcomeOf(raw);
          if (decision.accepted) {
            expect(decision.identity).toBe(`cccd:${card.id}`);
            expect(kept).toMatchObject({ idNumber: card.id, codeText: null });
            expect([null, card.name, foldLetters(card.name)]).toContain(kept?.fullName);
            expect([null, card.address, foldLetters(card.address)]).toContain(kept?.address);
          } else {
            expect(['damaged-card', 'keyboard-layout', 'invalid-card']).toContain(decision.reason);
          }
          expect(code.kind === 'other' && decision.accepted).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('records every damage class except lost first keys: the ID is certain', () => {
    fc.assert(
      fc.property(arbitraryCccd, fc.constantFrom(...damageNames), (card, damage) => {
        expect(outcomeOf(CARD_DAMAGES[damage](cccdText(card))).decision).toEqual({
          accepted: true,
          identity: `cccd:${card.id}`,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a card that lost its first keys as damaged, its text kept nowhere', () => {
    fc.assert(
      fc.property(
        arbitraryCccd,
        fc.constantFrom(...damageNames),
        fc.integer({ min: 1, max: 3 }),
        (card, damage, lostKeys) => {
          const { code, decision } = outcomeOf(loseFirstKeys(CARD_DAMAGES[damage](cccdText(card)), lostKeys));
          expect(decision).toEqual({ accepted: false, reason: 'damaged-card' });
          expect(keptFields(code, 'full').codeText).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
