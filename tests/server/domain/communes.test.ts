import { describe, expect, it } from 'vitest';
import { communeKey, foldCommuneNames, tidyCommuneName } from '../../../server/domain/communes';

describe('communes', () => {
  it('takes case, spaces, diacritic composition and the old tone place as the same commune', () => {
    const key = communeKey('Xã An Vĩnh');
    for (const variant of ['xã An Vĩnh', '  XÃ  AN VĨNH ', 'Xã An Vĩnh'.normalize('NFD'), 'Xã\tAn Vĩnh'])
      expect(communeKey(variant), JSON.stringify(variant)).toBe(key);
    expect(communeKey('Xã Hòa Hải')).toBe(communeKey('Xã Hoà Hải'));
    expect(communeKey('Phường Thủy Xuân')).toBe(communeKey('Phường Thuỷ Xuân'));
    expect(communeKey('Xã An Hải')).not.toBe(key);
    expect(tidyCommuneName(' Xã  An Vĩnh '.normalize('NFD'))).toBe('Xã An Vĩnh');
  });

  it('keeps the spelling most venues used, else the capitalised one, and lists every variant', () => {
    expect(
      foldCommuneNames([
        { name: 'xã An Vĩnh', venues: 1 },
        { name: 'Xã An Vĩnh', venues: 1 },
        { name: 'Xã An Hải', venues: 2 },
        { name: 'XÃ AN HẢI', venues: 3 },
        { name: '  ', venues: 4 },
      ]),
    ).toEqual([
      { name: 'Xã An Vĩnh', variants: ['xã An Vĩnh', 'Xã An Vĩnh'] },
      { name: 'XÃ AN HẢI', variants: ['Xã An Hải', 'XÃ AN HẢI'] },
    ]);
  });
});
