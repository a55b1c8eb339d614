import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/csv';

const cellOf = (value: string) => toCsv(['v'], [{ v: value }]).split('\r\n')[1];

describe('CSV export cells', () => {
  it('neutralises formulas however they are disguised', () => {
    for (const attack of [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\u0000=cmd',
      ' =cmd',
      '\t=cmd',
      '\uFF1D1+1',
      '\uFF0B1',
      '\u3000=1',
    ]) {
      const cell = cellOf(attack).replace(/^"|"$/g, '');
      expect(cell.startsWith("'"), JSON.stringify(attack)).toBe(true);
    }
  });

  it('quotes separators of every locale, so ;= never starts a new cell', () => {
    expect(cellOf(';=cmd')).toBe('";=cmd"');
    expect(cellOf('a,b')).toBe('"a,b"');
    expect(cellOf('say "hi"')).toBe('"say ""hi"""');
    expect(cellOf('Phạm Thị Hồng')).toBe('Phạm Thị Hồng');
  });

  it('never lets a cell begin with a formula character, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const cell = cellOf(text).replace(/^"/, '');
        expect(/^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell)).toBe(false);
      }),
    );
  });
});
