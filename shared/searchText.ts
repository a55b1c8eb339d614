/**
 * Search text folded the way staff type it: without Vietnamese marks and case, so `Tau 07:30` finds
 * `Tàu 07:30` and `pham` finds `Phạm`. Pure.
 */

/** `text` without combining marks (`Tàu` → `Tau`), `đ` as `d`, lower case. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
