/**
 * A failed call in words: every `code` a KioskError can carry has a message in both catalogs, so no
 * core message (English, for logs) ever reaches a screen.
 */
import type { KioskError } from '../shared/contract';
import type { MessageKey, Translate } from './messages';

/** The catalog key for an error; a settings field the core named gets its own words where known. */
export function errorKey(error: KioskError): MessageKey {
  switch (error.code) {
    case 'invalid-input':
      return /\binvalid venueName\b/.test(error.message) ? 'error.venueName' : 'error.invalid-input';
    case 'unknown-method':
    case 'internal':
    case 'enroll-failed':
    case 'enroll-unreachable':
    case 'no-district-key':
    case 'nothing-to-export':
    case 'receipt-not-a-receipt':
    case 'receipt-other-kiosk':
    case 'receipt-forged':
    case 'receipt-unknown-export':
    case 'pin-wrong':
    case 'pin-locked':
    case 'pin-not-set':
    case 'admin-locked':
    case 'storage-unavailable':
    case 'nothing-to-correct':
      return `error.${error.code}`;
    default: {
      const exhaustive: never = error.code;
      throw new Error(`errorWords: unknown error code ${String(exhaustive)}`);
    }
  }
}

export function errorWords(error: KioskError, t: Translate): string {
  return t(errorKey(error));
}
