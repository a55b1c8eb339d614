import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptAsText, toCsv } from '../../shared/csv';

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

  it('keeps ID numbers as text (="…"), so a spreadsheet keeps their leading zeros, and only digits so', () => {
    expect(toCsv(['v'], [{ v: new KeptAsText('037188000123') }]).split('\r\n')[1]).toBe('"=""037188000123"""');
    // Anything but digits is an ordinary cell, formula guard and all.
    expect(toCsv(['v'], [{ v: new KeptAsText('=1+1') }]).split('\r\n')[1]).toBe("'=1+1");
    expect(toCsv(['v'], [{ v: new KeptAsText('VE-0042') }]).split('\r\n')[1]).toBe('VE-0042');
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
