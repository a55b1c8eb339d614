/**
 * Pure decisions of the scan pipeline: accept or refuse a decoded code, what identifies the
 * person, which fields the privacy profile keeps.
 */
import type { DecodedCode, ProblemCode } from '../../shared/codes/DecodedCode';
import { looksLikeTicket } from '../../shared/codes/documentShape';
import type { RefusalReason } from '../../shared/kioskScans';
import type { AcceptableKind, KioskSettings, PrivacyProfile } from '../../shared/kioskSettings';

export type Acceptance =
  { readonly accepted: true; readonly identity: string } | { readonly accepted: false; readonly reason: RefusalReason };

const CARD_PROBLEMS: ReadonlySet<ProblemCode> = new Set(['bad-id', 'id-mismatch', 'bad-date']);

/** Venue types whose visitors carry tickets: plain codes are on by default there. */
export const PLAIN_CODE_VENUE_TYPES: ReadonlySet<string> = new Set(['port', 'transport']);

/**
 * Whether plain codes (tickets, badges) are check-ins here: the venue's own choice, else on for
 * ports and transport, off for other venue types. A kiosk not enrolled (no venue type) takes them:
 * it is being set up or runs alone at a counter, nothing of it reaches the district until it is
 * enrolled, and enrolling gives it its venue type. A venue that took `other` out of its accepted
 * kinds keeps that choice until it sets `plainCodes`.
 */
export function plainCodesOn(settings: KioskSettings, venueType: string | null): boolean {
  if (settings.plainCodes !== null) return settings.plainCodes;
  if (!settings.acceptedKinds.includes('other')) return false;
  return venueType === null || PLAIN_CODE_VENUE_TYPES.has(venueType);
}

function isAcceptableKind(kind: string): kind is AcceptableKind {
  return kind === 'cccd' || kind === 'covid-personal' || kind === 'bhyt' || kind === 'eu-dcc' || kind === 'other';
}

/**
 * Decides whether a decoded code is a check-in this venue takes, and who it identifies.
 * `venueType` is the type enrollment gave (null: not enrolled).
 */
export function decideAcceptance(
  code: DecodedCode,
  settings: KioskSettings,
  venueType: string | null = null,
): Acceptance {
  if (
    code.problems.includes('empty') ||
    code.problems.includes('control-chars') ||
    code.problems.includes('bad-encoding')
  ) {
    return { accepted: false, reason: 'unreadable' };
  }
  if (code.problems.includes('too-long')) return { accepted: false, reason: 'too-long' };
  // Before the kind: whatever it decoded as, a scan that may have lost its first keys is not recorded.
  if (code.problems.includes('incomplete')) return { accepted: false, reason: 'incomplete-scan' };
  if (code.problems.includes('damaged-card')) return { accepted: false, reason: 'damaged-card' };
  switch (code.kind) {
    case 'foreign-venue':
      return { accepted: false, reason: 'foreign-venue' };
    case 'enrollment':
      return { accepted: false, reason: 'enrollment-code' };
    case 'cccd':
    case 'covid-personal':
    case 'bhyt':
    case 'eu-dcc':
    case 'other':
      break;
    default: {
      const exhaustive: never = code.kind;
      throw new Error(`policy: unknown kind ${String(exhaustive)}`);
    }
  }
  if (code.kind === 'other') {
    if (!plainCodesOn(settings, venueType)) return { accepted: false, reason: 'kind-not-accepted' };
    if (code.problems.includes('keyboard-layout')) return { accepted: false, reason: 'keyboard-layout' };
    // Mojibake in a plain code: a ticket is ASCII, so this was never one.
    if (!looksLikeTicket(code.text) || code.problems.length > 0) return { accepted: false, reason: 'not-a-ticket' };
    return { accepted: true, identity: identityOf(code) };
  }
  if (!isAcceptableKind(code.kind) || !settings.acceptedKinds.includes(code.kind))
    return { accepted: false, reason: 'kind-not-accepted' };
  // Letters lost, folded or repaired (`letters-*`, `mojibake`) do not refuse: the ID decides.
  if (code.problems.includes('keyboard-layout') && !(code.kind === 'cccd' && code.recovered)) {
    // Damaged text is refused unless the ID number itself was restored with certainty.
    return { accepted: false, reason: 'keyboard-layout' };
  }
  if (code.problems.some((p) => CARD_PROBLEMS.has(p))) return { accepted: false, reason: 'invalid-card' };
  return { accepted: true, identity: identityOf(code) };
}

function identityOf(code: DecodedCode): string {
  // A masked health-QR number is not unique alone; with name and birth date it is close enough.
  if (code.kind === 'covid-personal')
    return `${code.kind}:${code.idNumber ?? ''}|${code.fullName ?? ''}|${code.birthDate ?? ''}`;
  if (code.idNumber) return `${code.kind}:${code.idNumber}`;
  return `${code.kind}:${code.text}`;
}

export interface KeptFields {
  readonly idNumber: string | null;
  readonly fullName: string | null;
  readonly birthDate: string | null;
  readonly gender: string | null;
  readonly address: string | null;
  /** Ticket and other plain codes: the code itself is the identifier. */
  readonly codeText: string | null;
}

/** Longest plain code kept, characters. */
export const MAX_KEPT_CODE_TEXT = 256;

/** The fields the privacy profile keeps. Fields not kept are never written. */
export function keptFields(code: DecodedCode, profile: PrivacyProfile): KeptFields {
  // A damaged card's text is never kept (scans reach here only accepted: a ticket, or a manual entry's phone).
  const codeText =
    code.kind === 'other' && !code.problems.includes('damaged-card') ? code.text.slice(0, MAX_KEPT_CODE_TEXT) : null;
  switch (profile) {
    case 'minimal':
      return {
        idNumber: code.idNumber,
        fullName: code.fullName,
        birthDate: code.birthDate?.slice(0, 4) ?? null,
        gender: null,
        address: null,
        codeText,
      };
    case 'full':
      return {
        idNumber: code.idNumber,
        fullName: code.fullName,
        birthDate: code.birthDate,
        gender: code.gender,
        address: code.address,
        codeText,
      };
    default: {
      const exhaustive: never = profile;
      throw new Error(`policy: unknown privacy profile ${String(exhaustive)}`);
    }
  }
}
