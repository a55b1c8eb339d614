import { describe, expect, it } from 'vitest';
import { decodeCode } from '../../../shared/codes';
import { readsAsFoldedAddress } from '../../../shared/codes/vietnameseText';

/** A chip card as a US-layout wedge types it: Vietnamese letters folded to ASCII. */
const foldedCard = (address: string, name = 'Nguyen Van An') =>
  `051090001234||${name}|01011990|Nam|${address}|01082021`;

describe('a folded address with ordinary abbreviations', () => {
  it.each([
    'To 5, Phuong Nghia Lo, TP Quang Ngai, Quang Ngai',
    'To 5, Phuong Nghia Lo, Tp Quang Ngai, Quang Ngai',
    'Khu pho 2, TX Duc Pho, Quang Ngai',
    'TT Chau O, Huyen Binh Son, Quang Ngai',
    'KDC Ba La, Xa Nghia Ky, Quang Ngai',
    'KP 3, P. Tran Phu, TP Quang Ngai',
    '12 Nguyen Trai, Q. 1, TP Ho Chi Minh',
    'Thon 4, H. Ly Son, Quang Ngai',
    'So 45 QL1A, Xa Tinh Phong, Quang Ngai',
  ])('keeps the name of a card whose address is %j', (address) => {
    expect(decodeCode(foldedCard(address))).toMatchObject({
      kind: 'cccd',
      idNumber: '051090001234',
      fullName: 'Nguyen Van An',
      address,
      problems: ['letters-folded'],
    });
  });

  it('still drops a name whose letters were dropped, whatever the address abbreviates', () => {
    const code = decodeCode(foldedCard('To 5, Phng Ngh L, TP Qung Ngi', 'Phm Th Hng'));
    expect(code).toMatchObject({
      idNumber: '051090001234',
      fullName: null,
      address: null,
      problems: ['letters-dropped'],
    });
  });

  it('still drops the text when the address lost letters next to an abbreviation', () => {
    // `Xã` with its `ã` dropped leaves a lone `X`, no full stop: a dropped letter, not an abbreviation.
    const code = decodeCode(foldedCard('Xm 3, X Ninh Hi, TP Ninh Binh'));
    expect(code).toMatchObject({ idNumber: '051090001234', fullName: null, problems: ['letters-dropped'] });
  });

  it('reads abbreviations only in their written form', () => {
    expect(readsAsFoldedAddress('TP Quang Ngai')).toBe(true);
    expect(readsAsFoldedAddress('P. Tran Phu')).toBe(true);
    expect(readsAsFoldedAddress('P Tran Phu')).toBe(false);
    expect(readsAsFoldedAddress('tp Quang Ngai')).toBe(false);
    expect(readsAsFoldedAddress('Kdc Ba La')).toBe(false);
    expect(readsAsFoldedAddress('TH Quang Ngai')).toBe(false);
  });
});
