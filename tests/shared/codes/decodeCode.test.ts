import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citizenIdFacts,
  CODE_KINDS,
  decodeCode,
  MAX_PAYLOAD_CHARS,
  PROBLEM_CODES,
  type DecodedCode,
} from '../../../shared/codes';
import { arbitraryCccd, cccdText, SAMPLE_CCCD, typedOnAzerty, typedOnUkLayout } from '../../support/cccdSamples';

describe('CCCD', () => {
  it('decodes the seven fields, with the old ID empty', () => {
    expect(decodeCode(SAMPLE_CCCD)).toMatchObject({
      kind: 'cccd',
      valid: true,
      idNumber: '037188000123',
      fullName: 'Phạm Thị Hồng',
      birthDate: '1988-07-23',
      gender: 'female',
      address: 'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
      issueDate: '2021-09-09',
      problems: [],
    });
  });

  it('accepts more than seven fields (2024 Căn cước) and trims CR/LF and spaces', () => {
    expect(decodeCode(`  ${SAMPLE_CCCD}|extra\r\n`)).toMatchObject({
      kind: 'cccd',
      valid: true,
      idNumber: '037188000123',
    });
  });

  it('normalises a decomposed (NFD) name to NFC', () => {
    const code = decodeCode(SAMPLE_CCCD.normalize('NFD'));
    expect(code.fullName).toBe('Phạm Thị Hồng'.normalize('NFC'));
    expect(code.valid).toBe(true);
  });

  it('names an ID whose gender digit disagrees with the card: id-mismatch', () => {
    expect(decodeCode(SAMPLE_CCCD.replace('037188', '037088')).problems).toContain('id-mismatch');
  });

  it('names an ID whose birth year disagrees with the birth date: id-mismatch', () => {
    expect(decodeCode(SAMPLE_CCCD.replace('037188', '037190')).problems).toEqual(['id-mismatch']);
  });

  it('names an unknown province code: bad-id', () => {
    expect(decodeCode(SAMPLE_CCCD.replace('037188', '003188')).problems).toEqual(['bad-id']);
  });

  it('names impossible and future dates: bad-date', () => {
    expect(decodeCode(SAMPLE_CCCD.replace('23071988', '31021988')).problems).toContain('bad-date');
    expect(decodeCode(SAMPLE_CCCD, { today: '2021-09-01' }).problems).toContain('bad-date');
    expect(decodeCode(SAMPLE_CCCD, { today: '2026-11-25' }).problems).toEqual([]);
  });

  it('decodes every consistent generated card as valid with its fields', () => {
    fc.assert(
      fc.property(arbitraryCccd, (card) => {
        const code = decodeCode(cccdText(card));
        expect(code.problems).toEqual([]);
        expect(code.idNumber).toBe(card.id);
        expect(code.fullName).toBe(card.name);
        expect(code.gender).toBe(card.gender === 'Nữ' ? 'female' : 'male');
        expect(code.birthDate?.slice(0, 4)).toBe(card.birth.slice(4));
      }),
    );
  });
});

describe('keyboard-layout damage', () => {
  it('recovers the ID number of a CCCD typed on AZERTY and distrusts the text', () => {
    const damaged = typedOnAzerty(SAMPLE_CCCD);
    expect(damaged).not.toContain('037188000123');
    expect(decodeCode(damaged)).toMatchObject({
      kind: 'cccd',
      valid: false,
      recovered: true,
      idNumber: '037188000123',
      fullName: null,
      address: null,
      birthDate: '1988-07-23',
      gender: 'female',
      problems: ['keyboard-layout'],
    });
  });

  it('recovers every generated card typed on AZERTY or a UK layout', () => {
    fc.assert(
      fc.property(arbitraryCccd, fc.constantFrom(typedOnAzerty, typedOnUkLayout), (card, typeOn) => {
        const code = decodeCode(typeOn(cccdText(card)));
        expect(code).toMatchObject({ kind: 'cccd', idNumber: card.id, recovered: true, fullName: null });
        expect(code.problems).toContain('keyboard-layout');
      }),
    );
  });

  it('keeps a name a wedge folded to ASCII (still words), marked letters-folded', () => {
    const folded = SAMPLE_CCCD.normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd');
    expect(decodeCode(folded)).toMatchObject({
      kind: 'cccd',
      idNumber: '037188000123',
      fullName: 'Pham Thi Hong',
      gender: 'female',
      problems: ['letters-folded'],
    });
  });

  it('drops a name whose Vietnamese letters a wedge dropped, marked letters-dropped', () => {
    const dropped = [...SAMPLE_CCCD].filter((ch) => ch.charCodeAt(0) < 0x80).join('');
    expect(dropped).toContain('|Phm Th Hng|');
    expect(decodeCode(dropped)).toMatchObject({
      kind: 'cccd',
      idNumber: '037188000123',
      fullName: null,
      address: null,
      birthDate: '1988-07-23',
      problems: ['letters-dropped'],
    });
  });

  it('flags digits typed on AZERTY in a plain code, and uses the hint from key events', () => {
    expect(decodeCode('&é"\'(-è_').problems).toEqual(['keyboard-layout']);
    expect(decodeCode('TICKET-0042', { layoutSuspected: true }).problems).toEqual(['keyboard-layout']);
  });
});

describe('other kinds', () => {
  it('decodes a personal health QR with masked ID and date', () => {
    expect(decodeCode('******123456|NGUYEN VAN AN|1990-**-**|0|QID123456|Nam<GD4797<0912345678')).toMatchObject({
      kind: 'covid-personal',
      valid: true,
      idNumber: '******123456',
      fullName: 'NGUYEN VAN AN',
      birthDate: '1990',
      gender: 'male',
    });
    expect(decodeCode('037188000123|PHAM THI HONG|1988-07-23|1|Q|').birthDate).toBe('1988-07-23');
  });

  it('decodes a BHYT card with hex-encoded UTF-8 name and address', () => {
    const code = decodeCode(
      'GD4797979797979|4e677579e1bb856e2056c4836e20416e|01/02/1990|1|4c c3bd20536fcc9b6e|51 - 001|01/01/2024'.replace(
        ' ',
        '',
      ),
    );
    expect(code).toMatchObject({
      kind: 'bhyt',
      valid: true,
      idNumber: 'GD4797979797979',
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-02-01',
      gender: 'male',
    });
  });

  it('recognises EU DCC, foreign venue posters and our enrollment code', () => {
    expect(decodeCode('HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N').kind).toBe('eu-dcc');
    expect(decodeCode('NZCOVIDTRACER:eyJnbG4iOiIzMzMzMyJ9')).toMatchObject({
      kind: 'foreign-venue',
      detail: 'nz-covid-tracer',
    });
    expect(decodeCode('UKC19TRACING:1:eyJhbGciOiJFUzI1NiJ9.e30.sig')).toMatchObject({
      kind: 'foreign-venue',
      detail: 'uk-nhs-covid19',
    });
    expect(decodeCode('https://e.coronawarn.app?v=1#CAESLAgBEhFNeSBCaXJ0aGRheSBQYXJ0eQ')).toMatchObject({
      kind: 'foreign-venue',
      detail: 'corona-warn-app',
    });
    expect(decodeCode('KIOSK-ENROLL:ABCD2345')).toMatchObject({ kind: 'enrollment', valid: true, detail: 'ABCD2345' });
  });

  it('takes any printable code as other (a ferry ticket)', () => {
    expect(decodeCode('VE-LS-2026-000731')).toMatchObject({ kind: 'other', valid: true, text: 'VE-LS-2026-000731' });
  });

  it('names empty, control characters and oversize payloads', () => {
    expect(decodeCode(' \r\n').problems).toEqual(['empty']);
    expect(decodeCode('abc\u0001def').problems).toEqual(['control-chars']);
    const long = decodeCode('9'.repeat(10_000));
    expect(long.problems).toEqual(['too-long']);
    expect(long.text).toHaveLength(MAX_PAYLOAD_CHARS);
  });
});

/** The shape of the ID number each kind may carry; every other kind carries none. */
const ID_SHAPES: Partial<Record<DecodedCode['kind'], RegExp>> = {
  cccd: /^\d{12}$/,
  'covid-personal': /^(?:\*{6}\d{3}|\*{6}\d{6}|\d{9}|\d{12})$/,
  bhyt: /^[A-Z]{2}\d{13}$/,
};

/** A field of a pipe-separated payload: digits of any length, or any text. */
const field = fc.oneof(fc.stringMatching(/^\d{0,14}$/), fc.string({ maxLength: 20 }));

/** What holds of any decoded payload, whatever it was. */
function expectWellFormed(code: DecodedCode): void {
  expect(CODE_KINDS).toContain(code.kind);
  for (const problem of code.problems) expect(PROBLEM_CODES).toContain(problem);
  expect(new Set(code.problems).size).toBe(code.problems.length);
  expect(code.valid).toBe(code.problems.length === 0);
  expect(code.text.length).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS);
  if (code.problems.includes('too-long')) expect(code.text).toHaveLength(MAX_PAYLOAD_CHARS);
  expect(code.problems.includes('empty')).toBe(code.text === '');
  const idShape = ID_SHAPES[code.kind];
  if (idShape) expect(code.idNumber).toMatch(idShape);
  else expect(code.idNumber).toBeNull();
  // A citizen ID that is not a real one (province, century) is never passed as clean.
  if (code.kind === 'cccd') expect(code.problems.includes('bad-id')).toBe(citizenIdFacts(code.idNumber ?? '') === null);
  if (!ID_SHAPES[code.kind]) {
    expect(code.fullName).toBeNull();
    expect(code.address).toBeNull();
    expect(code.birthDate).toBeNull();
  }
}

describe('any input', () => {
  it('gives a well-formed result for any string: a known kind, known problems, an ID only of its kind’s shape, text within the limit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          // Past the limit: a repeated piece, so long inputs stay cheap to make.
          fc
            .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 350, max: 1200 }))
            .map(([piece, times]) => piece.repeat(times)),
        ),
        (raw) => expectWellFormed(decodeCode(raw)),
      ),
      { numRuns: 2000 },
    );
  });

  it('gives a well-formed result for random pipe-separated fields in every shape', () => {
    fc.assert(
      fc.property(
        // A first field of a document number's shape half the time, so the card decoders see these too.
        fc.oneof(
          fc.stringMatching(/^\d{12}$/),
          fc.stringMatching(/^(\*{6})?\d{3,12}$/),
          fc.stringMatching(/^[A-Z]{2}\d{13}$/),
          fc.stringMatching(/^\d{0,14}$/),
        ),
        fc.array(fc.oneof(field, fc.constantFrom('0', '1', 'Nam', 'Nữ', '01011990', '1990-01-01')), { maxLength: 10 }),
        (first, rest) => expectWellFormed(decodeCode([first, ...rest].join('|'))),
      ),
      { numRuns: 2000 },
    );
  });

  it('gives a well-formed result for generated cards with one field replaced or cut short', () => {
    fc.assert(
      fc.property(
        arbitraryCccd,
        fc.nat(),
        fc.oneof(fc.stringMatching(/^\d{12}$/), field),
        fc.nat(),
        (card, field, replacement, cut) => {
          const fields = cccdText(card).split('|');
          fields[field % fields.length] = replacement;
          const text = fields.join('|');
          expectWellFormed(decodeCode(text));
          expectWellFormed(decodeCode(text.slice(cut % (text.length + 1))));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
