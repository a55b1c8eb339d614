/**
 * Unicode's directional formatting characters: embeddings and overrides (U+202A-202E), isolates
 * (U+2066-2069) and marks (U+200E, U+200F). One right-to-left override in a name shows everything
 * after it reversed (in the console, the audit, a printed list), so names and labels from kiosks and
 * people lose them before they are stored. Vietnamese text never needs them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;
const HAS_BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;

/** `text` without directional formatting characters (the same string when it has none). */
export function withoutBidiControls(text: string): string;
export function withoutBidiControls(text: string | null): string | null;
export function withoutBidiControls(text: string | null): string | null {
  // Almost no text has one: a test without allocation first.
  return text !== null && HAS_BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROLS, '') : text;
}
