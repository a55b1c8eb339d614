/**
 * A hotel room as the trace compares it: receptionists type the room (`contextLabel`) by hand, so
 * "P. 203", "p.203" and "P.203 " are one room. Null when there is no room to compare.
 */
export function roomKey(label: string | null): string | null {
  if (label === null) return null;
  const key = label
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[\s.]+/g, '')
    .trim();
  return key === '' ? null : key;
}
