/**
 * Text that every store can keep: no NUL or other C0 control, no DEL, no lone UTF-16 surrogate.
 * PostgreSQL refuses NUL and invalid UTF-8 outright, so one such character in a hand-typed name or a
 * sailing label would otherwise fail a whole upload batch. Fields people type are refused with a
 * clear error when they carry one; text the kiosk writes is cleaned once more before it is stored.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** C0 controls (tab and line breaks included: stored fields are single-line) and DEL. */
const CONTROLS = /[\u0000-\u001F\u007F]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

/** Whether `text` has a lone surrogate (text that is not valid Unicode). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Whether `text` has a character no store can keep as it is. */
export function hasUnsafeText(text: string): boolean {
  return CONTROLS.test(text) || LONE_SURROGATE.test(text);
}

/** Lone surrogates become U+FFFD and controls are dropped: safe for SQLite, PostgreSQL and JSON. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROLS_ALL, '');
}

/** Words for a schema refinement that refuses such text. */
export const UNSAFE_TEXT_MESSAGE = 'control characters or broken text';
