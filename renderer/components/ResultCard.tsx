import type { ProblemCode } from '../../shared/codes/DecodedCode';
import type { Direction, RefusalReason, ScanResult } from '../../shared/kioskScans';
import type { Translate } from '../messages';
import { DeclarationForm } from './DeclarationForm';

export interface ResultCardProps {
  /** The last scan's result; null shows the idle prompt. */
  readonly result: ScanResult | null;
  /** Increments with every result shown (exposed as `data-serial`). */
  readonly serial: number;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** Shown for `needs-direction`: the operator picks in or out. */
  readonly onChooseDirection?: (direction: Direction) => void;
  /** Venue QR (PNG data URL) shown on the idle card, for visitors checking in with a phone. */
  readonly venueQrPng?: string | null;
  /** Unattended screens face the queue: show the given name only (the last word of a Vietnamese name). */
  readonly givenNameOnly?: boolean;
  /** An unattended screen: what only staff can fix reads "please see staff", and staff notes are left out. */
  readonly unattended?: boolean;
  /** The venue's health questions, shown for `needs-declaration`. */
  readonly healthQuestions?: readonly string[];
  readonly onDeclare?: (answers: boolean[]) => void;
}

/** The scanner damage staff should hear about on a recorded scan, most serious first. */
const STAFF_PROBLEMS = ['letters-dropped', 'letters-folded', 'mojibake'] as const satisfies readonly ProblemCode[];

/** One line for staff: what the scanner lost and how to fix it; null when nothing was lost. */
function staffLine(result: ScanResult): (typeof STAFF_PROBLEMS)[number] | null {
  return STAFF_PROBLEMS.find((problem) => result.problems.includes(problem)) ?? null;
}

const TONE = {
  recorded: 'green',
  duplicate: 'amber',
  refused: 'red',
  failed: 'red',
  'needs-direction': 'blue',
  'needs-declaration': 'blue',
  tested: 'blue',
  voided: 'amber',
  'boat-full': 'red',
} as const;

/** Refusals whose fix is the scanner's or the kiosk's set-up: a visitor cannot act on it. */
const STAFF_FIXES: ReadonlySet<RefusalReason> = new Set<RefusalReason>([
  'keyboard-layout',
  'damaged-card',
  'incomplete-scan',
  'store-failed',
  'store-read-only',
  'store-full',
  'too-many-waiting',
  'enrollment-code',
]);

/** The big card for the last scan: colour and words for the outcome, who, and what to do. */
export function ResultCard({
  result,
  serial,
  t,
  formatTime,
  onChooseDirection,
  venueQrPng,
  givenNameOnly,
  unattended,
  healthQuestions,
  onDeclare,
}: ResultCardProps) {
  if (!result) {
    return (
      <section
        className="result-card tone-idle"
        data-testid="result-card"
        data-outcome="idle"
        data-serial={serial}
        aria-live="polite"
      >
        <h2 className="result-title">{t('scan.idle.title')}</h2>
        <p className="result-hint">{t('scan.idle.hint')}</p>
        {venueQrPng ? (
          <figure className="idle-qr">
            <img src={venueQrPng} alt={t('poster.qr.alt')} data-testid="idle-qr" />
            <figcaption>{t('poster.idle')}</figcaption>
          </figure>
        ) : null}
      </section>
    );
  }
  const identified =
    result.outcome === 'recorded' ||
    result.outcome === 'duplicate' ||
    result.outcome === 'needs-direction' ||
    result.outcome === 'needs-declaration' ||
    result.outcome === 'voided' ||
    result.outcome === 'boat-full';
  // The direction is not decided yet while the visitor declares: the title stays one short line.
  const showDirection =
    result.direction !== null &&
    result.outcome !== 'duplicate' &&
    result.outcome !== 'needs-declaration' &&
    result.outcome !== 'boat-full';
  // A yes in the health declaration: recorded, but the visitor must see staff (amber, not green).
  const tone = result.outcome === 'recorded' && result.declaredYes ? 'amber' : TONE[result.outcome];
  return (
    <section
      className={`result-card tone-${tone}`}
      data-testid="result-card"
      data-outcome={result.outcome}
      data-serial={serial}
      aria-live="assertive"
    >
      <h2 className="result-title">
        {t(`scan.outcome.${result.outcome}`)}
        {showDirection && result.direction ? (
          <span className="result-direction"> · {t(`scan.direction.${result.direction}`)}</span>
        ) : null}
      </h2>
      {identified ? (
        <div className="result-person">
          <p className="result-name" data-testid="result-name">
            {result.displayName
              ? givenNameOnly
                ? result.displayName.trim().split(/\s+/).pop()
                : result.displayName
              : result.kind === 'other'
                ? result.codeText
                  ? t('manifest.ticket', { code: result.codeText })
                  : t('scan.kind.other')
                : t('scan.name.unknown')}
          </p>
          <p className="result-meta">
            {result.maskedId ? <span data-testid="result-masked-id">{result.maskedId}</span> : null}
            <span>{result.source === 'manual' ? t('scan.kind.manual') : t(`scan.kind.${result.kind}`)}</span>
            <span>{formatTime(result.at)}</span>
            {result.contextLabel ? <span>{result.contextLabel}</span> : null}
          </p>
        </div>
      ) : null}
      {result.outcome === 'boat-full' ? (
        <p className="reason-what boat-full-stop" data-testid="boat-full">
          {t('scan.boatFull.hint', { seats: result.boarding?.seats ?? '' })}
        </p>
      ) : null}
      {result.boarding ? (
        <p className="result-hint" data-testid="result-boarding">
          {t('scan.boarding', result.boarding)}
        </p>
      ) : null}
      {result.outcome === 'duplicate' ? <p className="result-hint">{t('scan.duplicate.hint')}</p> : null}
      {result.outcome === 'voided' ? (
        <p className="result-hint" data-testid="result-voided">
          {t('scan.voided.hint')}
        </p>
      ) : null}
      {result.outcome === 'recorded' && result.voidsScanId ? (
        <p className="result-hint" data-testid="result-flipped">
          {t('scan.flipped.hint', { time: formatTime(result.at) })}
        </p>
      ) : null}
      {result.declaredYes ? (
        <p className="reason-what" data-testid="see-staff">
          {t('declaration.seeStaff')}
        </p>
      ) : null}
      {result.outcome === 'needs-declaration' && healthQuestions && onDeclare ? (
        <DeclarationForm key={serial} questions={healthQuestions} t={t} onSubmit={onDeclare} />
      ) : null}
      {identified && result.codeText ? (
        <p className="result-code" data-testid="result-code">
          {t('scan.plainCode')}: <code>{result.codeText}</code>
        </p>
      ) : null}
      {identified && !unattended && staffLine(result) ? (
        <p className="result-hint result-staff" data-testid="result-staff" data-problem={staffLine(result)}>
          {t(`scan.staff.${staffLine(result) ?? 'letters-dropped'}`)}
        </p>
      ) : result.recovered && !unattended ? (
        <p className="result-hint" data-testid="result-recovered">
          {t('scan.recovered')}
        </p>
      ) : null}
      {result.reason ? (
        <div className="result-reason" data-testid="result-reason" data-reason={result.reason}>
          <p className="reason-what">{t(`reason.${result.reason}`)}</p>
          <p className="reason-fix">
            {unattended && STAFF_FIXES.has(result.reason)
              ? t('reason.visitor.seeStaff')
              : t(`reason.${result.reason}.fix`)}
          </p>
        </div>
      ) : null}
      {result.outcome === 'needs-direction' && onChooseDirection ? (
        <div className="direction-choice">
          <button type="button" onClick={() => onChooseDirection('in')}>
            {t('scan.direction.in')}
          </button>
          <button type="button" onClick={() => onChooseDirection('out')}>
            {t('scan.direction.out')}
          </button>
        </div>
      ) : null}
      {result.outcome === 'needs-direction' && result.waitingScans ? (
        <p className="result-hint" data-testid="result-waiting">
          {t('scan.waiting', { count: result.waitingScans })}
        </p>
      ) : null}
    </section>
  );
}
