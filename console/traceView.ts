/** Pure helpers of the trace page: the ID number from typed or scanned text, contacts grouped and sorted. */
import { decodeCode } from '../shared/codes/decodeCode';
import { compactIdNumber } from '../shared/district';
import type { Contact } from '../shared/district';

/**
 * The ID number in what was typed or scanned into the field: plain text is taken as typed; a
 * scanned card (CCCD, health QR, BHYT: fields separated by `|`) is read by the kiosk's decoders.
 * Null when a scanned code holds no ID number.
 */
export function idNumberFromInput(raw: string): { readonly idNumber: string; readonly scanned: boolean } | null {
  const text = raw.trim();
  if (!text) return null;
  if (!text.includes('|') && text.length <= 32) return { idNumber: compactIdNumber(text), scanned: false };
  const decoded = decodeCode(text);
  return decoded.idNumber ? { idNumber: decoded.idNumber, scanned: true } : null;
}

export const CONTACT_SORTS = ['overlap', 'entry', 'name'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export interface ContactSection {
  readonly venueId: string;
  readonly venueName: string;
  readonly contacts: readonly Contact[];
  readonly overlapMinutes: number;
}

const ORDER: Readonly<Record<ContactSort, (a: Contact, b: Contact) => number>> = {
  overlap: (a, b) => b.overlapMinutes - a.overlapMinutes || a.entryAt.localeCompare(b.entryAt),
  entry: (a, b) => a.entryAt.localeCompare(b.entryAt) || b.overlapMinutes - a.overlapMinutes,
  name: (a, b) => (a.fullName ?? a.idNumber).localeCompare(b.fullName ?? b.idNumber, 'vi'),
};

/** Contacts grouped by venue (in the order the venues first appear), each group sorted. */
export function groupContacts(contacts: readonly Contact[], sort: ContactSort): ContactSection[] {
  const groups = new Map<string, Contact[]>();
  for (const contact of contacts) groups.set(contact.venueId, [...(groups.get(contact.venueId) ?? []), contact]);
  return [...groups].map(([venueId, list]) => ({
    venueId,
    venueName: list[0].venueName,
    contacts: [...list].sort(ORDER[sort]),
    overlapMinutes: list.reduce((sum, c) => sum + c.overlapMinutes, 0),
  }));
}
