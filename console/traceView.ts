/**
 * Pure helpers of the trace page: the ID number from typed or scanned text, contacts grouped by
 * venue and, within a venue, by what they shared with the case (a sailing, a room; those met at the
 * venue last), each part sorted.
 */
import { decodeCode } from '../shared/codes/decodeCode';
import { compactIdNumber } from '../shared/district';
import type { Contact, ContactGroup } from '../shared/district';

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

/** The contacts of one venue that shared one sailing or room with the case (`group` null: met at the venue within the margin). */
export interface ContactPart {
  readonly group: ContactGroup | null;
  readonly contacts: readonly Contact[];
}

export interface ContactSection {
  readonly venueId: string;
  readonly venueName: string;
  /** Every contact of the venue, sorted. */
  readonly contacts: readonly Contact[];
  /** The same contacts by sailing or room (in the order they first appear), those met at the venue last; each sorted. */
  readonly parts: readonly ContactPart[];
  readonly overlapMinutes: number;
}

/** Which part a contact belongs to: its sailing or room, or '' (met at the venue). */
function partKey(group: ContactGroup | null): string {
  if (group === null) return '';
  return group.kind === 'sailing' ? `sailing ${group.sailingId}` : `room ${group.label}`;
}

const ORDER: Readonly<Record<ContactSort, (a: Contact, b: Contact) => number>> = {
  overlap: (a, b) => b.overlapMinutes - a.overlapMinutes || a.entryAt.localeCompare(b.entryAt),
  entry: (a, b) => a.entryAt.localeCompare(b.entryAt) || b.overlapMinutes - a.overlapMinutes,
  name: (a, b) => (a.fullName ?? a.idNumber).localeCompare(b.fullName ?? b.idNumber, 'vi'),
};

/** Contacts grouped by venue (in the order the venues first appear), each group sorted and split into its parts. */
export function groupContacts(contacts: readonly Contact[], sort: ContactSort): ContactSection[] {
  const groups = new Map<string, Contact[]>();
  for (const contact of contacts) groups.set(contact.venueId, [...(groups.get(contact.venueId) ?? []), contact]);
  return [...groups].map(([venueId, list]) => {
    const sorted = [...list].sort(ORDER[sort]);
    const parts = new Map<string, Contact[]>();
    for (const contact of list) parts.set(partKey(contact.group), []);
    for (const contact of sorted) parts.get(partKey(contact.group))?.push(contact);
    // Those met at the venue come after the voyage and room parts, whatever order the answer had.
    const met = parts.get('');
    parts.delete('');
    if (met) parts.set('', met);
    return {
      venueId,
      venueName: list[0].venueName,
      contacts: sorted,
      parts: [...parts.values()].map((part) => ({ group: part[0].group, contacts: part })),
      overlapMinutes: list.reduce((sum, c) => sum + c.overlapMinutes, 0),
    };
  });
}
