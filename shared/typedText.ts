/**
 * Text a person types that the kiosk keeps or uploads, as a zod schema: trimmed, bounded, and
 * refused when it carries characters no store can keep (see `safeText`). One helper, so every
 * typed field of the settings and the method inputs follows the same rule.
 */
import { z } from 'zod';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './safeText';

/** A typed text of `min` to `max` characters after trimming, with no control or broken character. */
export function typedText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !hasUnsafeText(text), UNSAFE_TEXT_MESSAGE);
}
