/** Finds English words and codes in text meant to be Vietnamese (screens, exports). */

/**
 * English words and code-like tokens that must never reach a Vietnamese screen ("in" is left out:
 * it is Vietnamese for "print"; tests check direction values exactly).
 */
const ENGLISH =
  /\b(the|need|needs|cannot|invalid|and|server|reached|error|failed|answer|address|enrollment|scan|upload|out|male|female|time|direction|kind)\b|\b[a-z]+(?:-[a-z]+)+\b|\b\w+\.\w+:/i;

/** Product and standard names a Vietnamese sentence keeps as they are. */
const KEPT_AS_IS =
  /\b(HID POS|USB-COM|Unikey\/EVKey|Unikey|EVKey|CCCD|BHYT|CSV|PIN|QR|US|PNG|SVG|A4|Enter|Tab|Alt|NĐ-CP)\b/g;

export function looksUntranslated(text: string): boolean {
  return ENGLISH.test(text.replace(/\{\w+\}/g, '').replace(KEPT_AS_IS, ''));
}

/** The untranslated parts of a text, for a failure message. */
export function untranslatedParts(text: string): string[] {
  return text.split(/\n+/).filter((line) => looksUntranslated(line));
}
