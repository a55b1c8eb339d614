/**
 * A scan's way through the core: decode, the scanner test, the venue's policy, then the recorder;
 * and the scans that wait for a person: the in/out choice (`ask` mode) and the self-service health
 * declaration. Every result is announced as `scan-handled`.
 */
import { decodeCode } from '../../../shared/codes/decodeCode';
import { blankCode, type DecodedCode } from '../../../shared/codes/DecodedCode';
import { KioskMethodError } from '../../../shared/contract';
import type { Direction, ManualEntryInput, ScanResult, SubmitScanInput } from '../../../shared/kioskScans';
import { localTime, type LocalTime } from '../localTime';
import { decideAcceptance } from '../recordingPolicy';
import type { ScanPartContext } from './ScanPartContext';
import type { ScanRecorder } from './ScanRecorder';
import { scanResultBase } from './scanResults';

/** How long a scan waits for its health declaration before the visitor must scan again, ms. */
export const DECLARATION_WAIT_MS = 60_000;
/** Scanner test mode switches itself off after this long without a scan, ms (never left on by mistake). */
export const SCANNER_TEST_IDLE_MS = 120_000;
/** Most scans waiting behind an open in/out question (`ask` mode); more are refused with an error. */
export const MAX_WAITING_SCANS = 100;

export interface ScanPipelineOptions extends ScanPartContext {
  readonly now: () => Date;
  readonly recorder: ScanRecorder;
  readonly announce: (result: ScanResult) => void;
  /** The scanner test switched on or off (the screens show it). */
  readonly scannerTestChanged: () => void;
  /** The venue type enrollment gave (null: not enrolled): the default of plain codes follows it. */
  readonly venueType?: () => string | null;
}

export class ScanPipeline {
  /** The scan waiting for the visitor's health declaration (self-service), and since when. */
  private awaitingDeclaration: { readonly input: SubmitScanInput; readonly at: number } | null = null;
  /**
   * `ask` mode: the scan whose in/out question is open and its answer as shown, then the scans that
   * arrived while it was open, in order. A scan never replaces another: each waits its turn.
   */
  private awaitingDirection: {
    readonly input: SubmitScanInput;
    readonly time: LocalTime;
    readonly shown: ScanResult;
  } | null = null;
  /** Each waiting scan keeps the time it arrived: it is recorded at that time, not when handled. */
  private readonly waitingForDirection: { readonly input: SubmitScanInput; readonly time: LocalTime }[] = [];
  /** Scanner test mode: on until switched off or idle for {@link SCANNER_TEST_IDLE_MS}. */
  private scannerTestUntil = 0;

  constructor(private readonly options: ScanPipelineOptions) {}

  /**
   * Decodes, applies the venue's policy and records one scan. While an in/out question is open
   * (`ask` mode), a scan without its own direction waits its turn: the open question is shown again
   * with the number waiting, and the waiting scan is handled once the question is answered.
   */
  submit(input: SubmitScanInput): ScanResult {
    if (this.awaitingDirection && this.options.settings().directionMode !== 'ask') this.handleWaitingWithoutQuestion();
    const open = this.awaitingDirection;
    if (open && input.direction === undefined && !this.inScannerTest()) {
      if (this.waitingForDirection.length >= MAX_WAITING_SCANS) {
        // Never thrown (a HID or serial scan has no caller to catch it): red, in words, not recorded.
        const time = this.localNow();
        const refused: ScanResult = {
          ...scanResultBase(blankCode('other', ''), time, input.source, this.options.settings().contextLabel),
          outcome: 'failed',
          reason: 'too-many-waiting',
          counts: this.options.counter.of(time.localDay),
        };
        this.options.announce(refused);
        return refused;
      }
      this.waitingForDirection.push({ input, time: this.localNow() });
      const shown: ScanResult = { ...open.shown, waitingScans: this.waitingForDirection.length };
      this.awaitingDirection = { ...open, shown };
      this.options.announce(shown);
      return shown;
    }
    return this.handle(input, null);
  }

  /**
   * Answers to the self-service health declaration for the scan waiting for them (within a minute).
   * Records the scan with a summary of the answers: `all-no` or `yes:1,3`.
   */
  submitDeclaration(answers: readonly boolean[]): ScanResult {
    const waiting = this.awaitingDeclaration;
    if (!waiting || this.options.now().getTime() - waiting.at > DECLARATION_WAIT_MS) {
      this.awaitingDeclaration = null;
      throw new KioskMethodError(
        'invalid-input',
        'kiosk.declaration: no scan is waiting for a declaration; scan again',
      );
    }
    if (answers.length !== this.options.settings().healthQuestions.length)
      throw new KioskMethodError('invalid-input', 'kiosk.declaration: answer every question');
    this.awaitingDeclaration = null;
    const yes = answers.flatMap((answer, index) => (answer ? [index + 1] : []));
    return this.handle(waiting.input, yes.length === 0 ? 'all-no' : `yes:${yes.join(',')}`);
  }

  /**
   * Records the scan that waited for a direction (`ask` mode) with the operator's choice, then
   * handles the scans that waited behind it until one asks again.
   */
  chooseDirection(direction: Direction): ScanResult {
    const waiting = this.awaitingDirection;
    if (!waiting)
      throw new KioskMethodError('invalid-input', 'kiosk.chooseDirection: no scan is waiting for a direction');
    this.awaitingDirection = null;
    const result = this.handle({ ...waiting.input, direction }, null, waiting.time);
    while (this.awaitingDirection === null && this.waitingForDirection.length > 0) {
      const next = this.waitingForDirection.shift();
      if (next) this.handle(next.input, null, next.time);
    }
    return result;
  }

  /**
   * A visitor with no code, entered by counter staff: recorded like a scan (duplicate window,
   * direction, privacy profile), with source `manual`. The phone stands in for the ID number.
   */
  recordManual(entry: ManualEntryInput): ScanResult {
    const time = this.localNow();
    const key = entry.idNumber ?? entry.phone ?? '';
    const code: DecodedCode = {
      ...blankCode('other', entry.phone ?? ''),
      idNumber: entry.idNumber ?? null,
      fullName: entry.fullName.normalize('NFC'),
    };
    this.options.counter.of(time.localDay);
    const result = this.options.recorder.recordAccepted({
      code,
      identity: `manual:${key.replace(/\s/g, '')}`,
      source: 'manual',
      direction: entry.direction,
      time,
      declaration: null,
      askDeclaration: false,
    });
    this.options.logger.info('kiosk.recordManual', 'manual entry handled', { outcome: result.outcome });
    this.options.announce(result);
    return result;
  }

  /** Switches scanner test mode on or off; answers whether it is on. */
  setScannerTest(on: boolean): boolean {
    this.scannerTestUntil = on ? this.options.now().getTime() + SCANNER_TEST_IDLE_MS : 0;
    this.options.scannerTestChanged();
    return on;
  }

  inScannerTest(): boolean {
    return this.options.now().getTime() < this.scannerTestUntil;
  }

  /** The direction mode left `ask`: the open question's scan and those behind it go by the new mode. */
  private handleWaitingWithoutQuestion(): void {
    const open = this.awaitingDirection;
    this.awaitingDirection = null;
    if (open) this.handle(open.input, null, open.time);
    for (const next of this.waitingForDirection.splice(0)) this.handle(next.input, null, next.time);
  }

  private venueType(): string | null {
    return this.options.venueType?.() ?? null;
  }

  private localNow(): LocalTime {
    return localTime(this.options.now());
  }

  /** Handles one scan as of `time` (when it arrived; now by default). */
  private handle(input: SubmitScanInput, declaration: string | null, time = this.localNow()): ScanResult {
    const { settings, recorder, counter } = this.options;
    const code = decodeCode(input.raw, {
      today: time.localDay,
      layoutSuspected: input.layoutSuspected,
      incomplete: input.incomplete,
    });
    if (this.inScannerTest()) return this.diagnose(code, input, time);
    const acceptance = decideAcceptance(code, settings(), this.venueType());
    // Load the day's counts before writing, so the kept counts never include a row twice.
    counter.of(time.localDay);
    const handled = acceptance.accepted
      ? recorder.recordAccepted({
          code,
          identity: acceptance.identity,
          source: input.source,
          direction: input.direction,
          time,
          declaration,
          askDeclaration: this.asksDeclaration(input, declaration),
        })
      : recorder.recordRefused(code, acceptance.reason, input.source, time);
    // An accepted plain code is shown as scanned, so the clerk can check the ticket.
    const withCode = acceptance.accepted && code.kind === 'other' ? { ...handled, codeText: code.text } : handled;
    const result =
      withCode.outcome === 'needs-direction'
        ? { ...withCode, waitingScans: this.waitingForDirection.length }
        : withCode;
    this.options.logger.info('kiosk.submitScan', 'scan handled', {
      outcome: result.outcome,
      kind: result.kind,
      reason: result.reason,
      source: input.source,
      problems: result.problems.join(','),
    });
    if (result.outcome === 'needs-direction') this.awaitingDirection = { input, time, shown: result };
    this.awaitingDeclaration =
      result.outcome === 'needs-declaration' ? { input, at: this.options.now().getTime() } : null;
    this.options.announce(result);
    return result;
  }

  /** Self-service with health questions: a scan from a visitor's own card waits for the answers. */
  private asksDeclaration(input: SubmitScanInput, declaration: string | null): boolean {
    const settings = this.options.settings();
    return (
      declaration === null &&
      input.source !== 'manual' &&
      settings.kioskMode === 'self-service' &&
      settings.healthQuestions.length > 0
    );
  }

  /** Test mode: what arrived and what the decoder made of it; nothing is written. */
  private diagnose(code: DecodedCode, input: SubmitScanInput, time: LocalTime): ScanResult {
    this.scannerTestUntil = this.options.now().getTime() + SCANNER_TEST_IDLE_MS;
    const acceptance = decideAcceptance(code, this.options.settings(), this.venueType());
    const characters = [...input.raw].slice(0, 200).map((ch) => {
      const point = ch.codePointAt(0) ?? 0;
      const shown = point < 0x20 || (point >= 0x7f && point < 0xa0) ? '' : ` ${ch}`;
      return `U+${point.toString(16).toUpperCase().padStart(4, '0')}${shown}`;
    });
    const result: ScanResult = {
      ...scanResultBase(code, time, input.source, this.options.settings().contextLabel),
      outcome: 'tested',
      reason: acceptance.accepted ? null : acceptance.reason,
      counts: this.options.counter.of(time.localDay),
      diagnosis: { length: [...input.raw].length, characters, layoutSuspected: input.layoutSuspected === true },
    };
    this.options.announce(result);
    return result;
  }
}
