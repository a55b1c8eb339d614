import { describe, expect, it } from 'vitest';
import { REFUSAL_REASONS } from '../../shared/kioskScans';
import { CODE_KINDS } from '../../shared/codes/DecodedCode';
import { CATALOGS, translator } from '../../renderer/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in Vietnamese and English, none empty, with the same placeholders', () => {
    const viKeys = Object.keys(CATALOGS.vi).sort();
    expect(Object.keys(CATALOGS.en).sort()).toEqual(viKeys);
    for (const key of viKeys as (keyof typeof CATALOGS.vi)[]) {
      expect(CATALOGS.vi[key].trim(), key).not.toBe('');
      expect(CATALOGS.en[key].trim(), key).not.toBe('');
      expect(placeholders(CATALOGS.en[key]), key).toEqual(placeholders(CATALOGS.vi[key]));
    }
  });

  it('have words and a fix for every refusal reason and a name for every code kind', () => {
    for (const reason of REFUSAL_REASONS) {
      expect(CATALOGS.vi).toHaveProperty(`reason.${reason}`);
      expect(CATALOGS.vi).toHaveProperty(`reason.${reason}.fix`);
    }
    for (const kind of CODE_KINDS) expect(CATALOGS.vi).toHaveProperty(`scan.kind.${kind}`);
  });

  it('fills placeholders', () => {
    expect(translator('en')('privacy.minimal', { days: 14 })).toContain('kept 14 days');
  });
});
