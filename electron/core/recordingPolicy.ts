/**
 * Pure decisions of the scan pipeline: accept or refuse a decoded code, what identifies the
 * person, which fields the privacy profile keeps.
 */
import type { DecodedCode } from '../../shared/codes/DecodedCode';
import type { AcceptableKind, KioskSettings, PrivacyProfile, RefusalReason } from '../../shared/contract';

export type Acceptance = { readonly accepted: true; readonly identity: string } | { readonly accepted: false; readonly reason: RefusalReason };

const CARD_PROBLEMS = new Set(['bad-id', 'id-mismatch', 'bad-date']);

function isAcceptableKind(kind: string): kind is AcceptableKind {
  return kind === 'cccd' || kind === 'covid-personal' || kind === 'bhyt' || kind === 'eu-dcc' || kind === 'other';
}

/** Decides whether a decoded code is a check-in this venue takes, and who it identifies. */
export function decideAcceptance(code: DecodedCode, settings: KioskSettings): Acceptance {
  if (code.problems.includes('empty') || code.problems.includes('control-chars') || code.problems.includes('bad-encoding')) {
    return { accepted: false, reason: 'unreadable' };
  }
  if (code.problems.includes('too-long')) return { accepted: false, reason: 'too-long' };
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
  if (!isAcceptableKind(code.kind) || !settings.acceptedKinds.includes(code.kind)) return { accepted: false, reason: 'kind-not-accepted' };
  if (code.problems.includes('keyboard-layout') && !(code.kind === 'cccd' && code.recovered)) {
    // Damaged text is refused unless the ID number itself was restored with certainty.
    return { accepted: false, reason: 'keyboard-layout' };
  }
  if (code.problems.some((p) => CARD_PROBLEMS.has(p))) return { accepted: false, reason: 'invalid-card' };
  return { accepted: true, identity: identityOf(code) };
}

function identityOf(code: DecodedCode): string {
  // A masked health-QR number is not unique alone; with name and birth date it is close enough.
  if (code.kind === 'covid-personal') return `${code.kind}:${code.idNumber ?? ''}|${code.fullName ?? ''}|${code.birthDate ?? ''}`;
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
  const codeText = code.kind === 'other' ? code.text.slice(0, MAX_KEPT_CODE_TEXT) : null;
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
