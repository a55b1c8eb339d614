/**
 * Pure keyboard-wedge decoder. Fed with key and text events and their times, it tells a scanner's
 * burst (1-20 ms between keys) from a person typing (80 ms or more) and returns what to do.
 *
 * Every printable character is held back (the caller prevents its default action) until the
 * decoder knows whether it belongs to a burst, so a scan never leaks into a focused text field;
 * characters that turn out to be typed by a person come back as `typed` for the caller to insert.
 */
import { disagreesWithUsLayout } from './usKeyboard';

export type WedgeInput =
  /** `repeat`: the OS's autorepeat of a held key (a person; scanners press and release every key). */
  | {
      readonly type: 'key';
      readonly key: string;
      readonly code: string;
      readonly time: number;
      readonly repeat?: boolean;
    }
  /** Text inserted without key events (input methods, Alt codes, CDP insertText). */
  | { readonly type: 'text'; readonly text: string; readonly time: number }
  /** An input method started composing (compositionstart): it is rewriting what the scanner types. */
  | { readonly type: 'composition'; readonly time: number };

export type WedgeOutput =
  | {
      readonly type: 'scan';
      readonly text: string;
      /**
       * Some key's character disagreed with the US layout for its key position, or an input method
       * rewrote the burst (a Backspace or a composition inside it: scanners send neither).
       */
      readonly layoutSuspected: boolean;
      /** Characters dropped past {@link WedgeOptions.maxChars}. */
      readonly overflowChars: number;
      /** Mean time between characters, ms. */
      readonly meanGapMs: number;
      /**
       * The decoder cannot be sure the scan is whole: it began right after fast keys that were
       * given back as typed (a stall longer than {@link WedgeOptions.maxStartStallMs} in its first
       * keys). The kiosk refuses it: scan again.
       */
      readonly incomplete: boolean;
    }
  /** Characters a person typed: hand them back to the focused field, or drop them. */
  | { readonly type: 'typed'; readonly text: string };

export interface WedgeOptions {
  /** Longest gap between two keys of one burst, ms. Scanners: 1-20 ms; people: 80 ms or more. */
  readonly maxKeyGapMs: number;
  /**
   * Longest wait for the terminator after a burst of at least {@link minLength} characters, ms.
   * Some scanners pause before their suffix; a person cannot type such a burst at all.
   */
  readonly maxTerminatorGapMs: number;
  /** Fewest characters a scan can have (after a stall in the first keys: after the stall). */
  readonly minLength: number;
  /**
   * Longest stall within the first keys of a burst, ms (a busy PC, a USB hiccup). One such stall
   * is absorbed: the keys before it are held, not given back, until the burst is judged.
   */
  readonly maxStartStallMs: number;
  /**
   * A burst that starts this soon after fast keys a stall cut off may have lost them as its first
   * keys, ms: it is marked incomplete (refused: scan again), never recorded shortened. A person
   * pressing one key and scanning within a second only has to scan again.
   */
  readonly maxCutOffLinkMs: number;
  /** `KeyboardEvent.key` values that end a scan. */
  readonly terminators: readonly string[];
  /** A burst that stops without a terminator is a scan too (scanners programmed without suffix). */
  readonly endOnIdle: boolean;
  /** Most characters kept for one scan; the rest are counted and dropped. */
  readonly maxChars: number;
  /** Characters a scanner was programmed to send before / after each code, removed from the scan. */
  readonly prefix: string;
  readonly suffix: string;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxKeyGapMs: 50,
  maxTerminatorGapMs: 300,
  minLength: 4,
  maxStartStallMs: 160,
  maxCutOffLinkMs: 1_000,
  terminators: ['Enter', 'Tab'],
  endOnIdle: false,
  maxChars: 8192,
  prefix: '',
  suffix: '',
};

const IGNORED_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'Dead',
  'Process',
  'Unidentified',
]);

export interface WedgeStep {
  readonly outputs: readonly WedgeOutput[];
  /** The caller must prevent the event's default action (the decoder holds or used it). */
  readonly consumed: boolean;
}

export class WedgeDecoder {
  private readonly options: WedgeOptions;
  private chars: string[] = [];
  private firstTime = 0;
  private lastTime = 0;
  private layoutSuspected = false;
  private overflowChars = 0;
  /** Index in `chars` where the burst went on after a stall in its first keys; 0 when none. */
  private stallAt = 0;
  /** Fast keys given back as typed because a stall cut them off, kept to judge what follows. */
  private cutOff: { readonly chars: readonly string[]; readonly firstTime: number; readonly lastTime: number } | null =
    null;
  private incomplete = false;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  }

  /** True while characters are held waiting for the burst to be judged. */
  get holding(): boolean {
    return this.chars.length > 0;
  }

  /** Feeds one event. */
  push(input: WedgeInput): WedgeStep {
    if (input.type === 'composition') {
      if (this.isInBurst(input.time)) this.layoutSuspected = true;
      return { outputs: [], consumed: false };
    }
    if (input.type === 'text') {
      const outputs: WedgeOutput[] = [];
      for (const ch of input.text) outputs.push(...this.addChar(ch, input.time, false));
      return { outputs, consumed: true };
    }
    if (IGNORED_KEYS.has(input.key)) return { outputs: [], consumed: false };
    // A held key: a person. Whatever was held is theirs too; the repeat types as usual.
    if (input.repeat) return { outputs: this.release(), consumed: false };
    if (this.options.terminators.includes(input.key)) return this.terminate(input.time);
    if (input.key === 'Backspace' && this.isInBurst(input.time)) {
      // Telex rewriting (Unikey, EVKey): the input method deletes what the scanner typed and types
      // its own letter. Apply it, so the payload is what the PC made of the code, and say why.
      this.chars.pop();
      this.layoutSuspected = true;
      this.lastTime = input.time;
      return { outputs: [], consumed: true };
    }
    if ([...input.key].length === 1) {
      return {
        outputs: this.addChar(input.key, input.time, disagreesWithUsLayout(input.key, input.code)),
        consumed: true,
      };
    }
    // Any other key (Backspace, arrows) ends what was held: it was a person.
    return { outputs: this.release(), consumed: false };
  }

  /** Called when no event came for a while: judges what is held if its burst has ended. */
  flush(now: number): readonly WedgeOutput[] {
    if (this.chars.length === 0) return [];
    const idle = now - this.lastTime;
    if (idle <= this.options.maxKeyGapMs) return [];
    const burst = this.isBurst();
    if (burst && this.options.endOnIdle) return [this.emitScan()];
    // A burst may still get its terminator: keep it held (out of any text field) a little longer.
    if (burst && idle <= this.options.maxTerminatorGapMs) return [];
    // The first keys of a scan may stall: hold them a little longer, once.
    if (!burst && this.stallAt === 0 && idle <= this.options.maxStartStallMs) return [];
    return this.cut();
  }

  /** When the caller should call {@link flush} next, ms after the last event; null if nothing is held. */
  get flushDelayMs(): number | null {
    if (this.chars.length === 0) return null;
    if (this.isBurst()) return this.options.endOnIdle ? this.options.maxKeyGapMs : this.options.maxTerminatorGapMs;
    return this.stallAt === 0 ? this.options.maxStartStallMs : this.options.maxKeyGapMs;
  }

  /** Enough fast keys (after a stall in the first keys, counted from it) to be a scanner. */
  private isBurst(): boolean {
    return this.chars.length - this.stallAt >= this.options.minLength;
  }

  private addChar(ch: string, time: number, layoutSuspect: boolean): WedgeOutput[] {
    const gap = time - this.lastTime;
    let outputs: WedgeOutput[] = [];
    if (this.chars.length > 0 && gap > this.options.maxKeyGapMs) {
      if (this.isBurst()) {
        // A burst of minLength fast characters is a scanner: it may pause (Bluetooth radio) up to the
        // terminator window and go on. A person's characters never form such a burst.
        if (this.options.endOnIdle || gap > this.options.maxTerminatorGapMs) outputs = this.flushStale();
      } else if (this.stallAt === 0 && gap <= this.options.maxStartStallMs) {
        // A stall in the first keys: the burst goes on; it needs minLength fast keys after it.
        this.stallAt = this.chars.length;
      } else {
        outputs = this.cut();
      }
    }
    if (this.chars.length === 0) this.startBurst(time);
    if (this.chars.length < this.options.maxChars) this.chars.push(ch);
    else this.overflowChars += 1;
    this.layoutSuspected ||= layoutSuspect;
    this.lastTime = time;
    return outputs;
  }

  private startBurst(time: number): void {
    const cut = this.cutOff;
    this.cutOff = null;
    this.firstTime = time;
    this.layoutSuspected = false;
    this.overflowChars = 0;
    this.stallAt = 0;
    this.incomplete = false;
    if (!cut) return;
    if (time - cut.lastTime <= this.options.maxKeyGapMs) {
      // The keys were given back too early (a late timer on a busy page; their own times say the
      // burst never paused): they are this burst's first keys.
      this.chars = [...cut.chars];
      this.firstTime = cut.firstTime;
    } else if (time - cut.lastTime <= this.options.maxCutOffLinkMs) {
      // Fast keys cut off by a long stall just before: this burst may have lost its first keys.
      this.incomplete = true;
    }
  }

  private flushStale(): WedgeOutput[] {
    if (this.options.endOnIdle && this.isBurst()) return [this.emitScan()];
    return this.cut();
  }

  /** Gives back what is held as typed, remembering fast keys a stall cut off. */
  private cut(): WedgeOutput[] {
    const short = !this.isBurst() && this.stallAt === 0;
    const chars = this.chars;
    const outputs = this.release();
    this.cutOff = short && chars.length > 0 ? { chars, firstTime: this.firstTime, lastTime: this.lastTime } : null;
    return outputs;
  }

  private terminate(time: number): WedgeStep {
    const isBurst = this.isBurst() && time - this.lastTime <= this.options.maxTerminatorGapMs;
    if (isBurst) return { outputs: [this.emitScan()], consumed: true };
    // A person's Enter closes what they typed: keys cut off before it were a whole entry (digits typed
    // on the kiosk's keyboard), never the lost head of a scan, whose own terminator comes after it.
    this.cutOff = null;
    return { outputs: this.release(), consumed: false };
  }

  private isInBurst(time: number): boolean {
    return this.chars.length > 0 && time - this.lastTime <= this.options.maxKeyGapMs;
  }

  private emitScan(): WedgeOutput {
    const count = this.chars.length + this.overflowChars;
    let text = this.chars.join('');
    const { prefix, suffix } = this.options;
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
    if (suffix && text.endsWith(suffix)) text = text.slice(0, text.length - suffix.length);
    const scan: WedgeOutput = {
      type: 'scan',
      text,
      layoutSuspected: this.layoutSuspected,
      overflowChars: this.overflowChars,
      meanGapMs: count > 1 ? (this.lastTime - this.firstTime) / (count - 1) : 0,
      incomplete: this.incomplete,
    };
    this.chars = [];
    this.cutOff = null;
    return scan;
  }

  private release(): WedgeOutput[] {
    if (this.chars.length === 0) return [];
    const typed: WedgeOutput = { type: 'typed', text: this.chars.join('') };
    this.chars = [];
    return [typed];
  }
}
