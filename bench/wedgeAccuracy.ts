/**
 * wedge.accuracy: our WedgeDecoder against onScan.js (the library a web developer would pick) on
 * the same key traces. Counts codes decoded exactly, false scans from people typing, and scan
 * characters that would leak into a focused text field. onScan.js runs in jsdom on a virtual clock.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { decodeCode } from '../shared/codes/decodeCode';
import { DEFAULT_SETTINGS } from '../shared/kioskSettings';
import { WedgeDecoder, type WedgeOutput } from '../shared/wedge/WedgeDecoder';
import { decideAcceptance } from '../electron/core/recordingPolicy';
import { buildDamagedTraces, buildTraces, type Trace } from './wedgeTraces';

export interface WedgeScore {
  readonly decoder: string;
  readonly scannerTraces: number;
  readonly exact: number;
  readonly personTraces: number;
  readonly falseScans: number;
  readonly fieldTraces: number;
  readonly fieldExact: number;
  /** Scan characters not prevented while a text field had focus (they would appear in the field). */
  readonly leakedChars: number;
  /** Characters a person typed into a focused text field that never reached it. */
  readonly personCharsLost: number;
}

interface Outcome {
  readonly scans: readonly string[];
  /** Per scan: the decoder could not be sure it was whole (ours only). */
  readonly incomplete?: readonly boolean[];
  /** Printable keys whose default action went through (the field got the character). */
  readonly leaked: number;
  /** Printable characters that reached the field, by default action or given back. */
  readonly delivered: number;
}

function runOurs(trace: Trace): Outcome {
  const decoder = new WedgeDecoder();
  const scans: string[] = [];
  const incomplete: boolean[] = [];
  let leaked = 0;
  let given = 0;
  const take = (outputs: readonly WedgeOutput[]) => {
    for (const output of outputs) {
      if (output.type === 'scan') {
        scans.push(output.text);
        incomplete.push(output.incomplete);
      } else given += [...output.text].length;
    }
  };
  for (const key of trace.keys) {
    take(decoder.flush(key.time));
    if (key.altCode) {
      // The page's capture hands a keypress without keydown to the decoder as text.
      take(decoder.push({ type: 'text', text: key.key, time: key.time }).outputs);
      continue;
    }
    const step = decoder.push({ type: 'key', key: key.key, code: key.code, time: key.time, repeat: key.repeat });
    if (!step.consumed && key.key.length === 1) leaked += 1;
    take(step.outputs);
  }
  take(decoder.flush(Number.MAX_SAFE_INTEGER));
  return { scans, incomplete, leaked, delivered: leaked + given };
}

const ONSCAN_SOURCE = readFileSync(createRequire(import.meta.url).resolve('onscan.js/onscan.js'), 'utf8');

function runOnScan(trace: Trace, options: Record<string, unknown>): Outcome {
  const dom = new JSDOM('<!doctype html><input id="field">', { runScripts: 'outside-only' });
  const window = dom.window;
  let now = 0;
  let timers: { at: number; id: number; fn: () => void }[] = [];
  let nextId = 1;
  const runDue = (until: number) => {
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  const win = window as unknown as Record<string, unknown> & { Date: DateConstructor };
  win.setTimeout = (fn: (...args: unknown[]) => void, ms: number, ...args: unknown[]) => {
    const id = nextId++;
    timers.push({ at: now + (ms || 0), id, fn: () => fn(...args) });
    return id;
  };
  win.clearTimeout = (id: number) => {
    timers = timers.filter((t) => t.id !== id);
  };
  win.Date.now = () => now;
  window.eval(ONSCAN_SOURCE);
  const scans: string[] = [];
  const onScan = win.onScan as { attachTo(element: unknown, options: Record<string, unknown>): void };
  onScan.attachTo(window.document, { ...options, onScan: (code: string) => scans.push(code) });
  const field = window.document.getElementById('field') as HTMLInputElement;
  const inField = trace.kind === 'scanner-in-field' || trace.kind === 'person-in-field';
  if (inField) field.focus();
  let leaked = 0;
  for (const key of trace.keys) {
    runDue(key.time);
    if (key.altCode) {
      // An Alt-code character: a keypress on Alt's release, as Chromium on Windows delivers it.
      window.document.body.dispatchEvent(
        new window.KeyboardEvent('keypress', { key: key.key, bubbles: true, cancelable: true }),
      );
      continue;
    }
    const event = new window.KeyboardEvent('keydown', {
      key: key.key,
      code: key.code,
      keyCode: key.keyCode,
      which: key.keyCode,
      shiftKey: key.shiftKey,
      repeat: key.repeat ?? false,
      bubbles: true,
      cancelable: true,
    } as KeyboardEventInit);
    (inField ? field : window.document.body).dispatchEvent(event);
    if (!event.defaultPrevented && key.key.length === 1) leaked += 1;
  }
  runDue(Number.MAX_SAFE_INTEGER / 2);
  window.close();
  // onScan.js never gives prevented characters back.
  return { scans, leaked, delivered: leaked };
}

function score(decoder: string, traces: readonly Trace[], run: (trace: Trace) => Outcome): WedgeScore {
  let exact = 0;
  let falseScans = 0;
  let fieldExact = 0;
  let leakedChars = 0;
  let personCharsLost = 0;
  for (const trace of traces) {
    const { scans, leaked, delivered } = run(trace);
    const right = scans.length === 1 && scans[0] === trace.text;
    if (trace.kind === 'scanner' && right) exact += 1;
    if (trace.kind === 'person') falseScans += scans.length;
    if (trace.kind === 'scanner-in-field') {
      if (right) fieldExact += 1;
      leakedChars += leaked;
    }
    if (trace.kind === 'person-in-field') {
      falseScans += scans.length;
      personCharsLost += trace.keys.filter((k) => k.key.length === 1).length - delivered;
    }
  }
  const count = (kind: Trace['kind']) => traces.filter((t) => t.kind === kind).length;
  return {
    decoder,
    scannerTraces: count('scanner'),
    exact,
    personTraces: count('person') + count('person-in-field'),
    falseScans,
    fieldTraces: count('scanner-in-field'),
    fieldExact,
    leakedChars,
    personCharsLost,
  };
}

export function compareWedgeDecoders(seed = 2026): WedgeScore[] {
  const traces = buildTraces(seed);
  return [
    score('ours (WedgeDecoder)', traces, runOurs),
    score('onScan.js 1.5.2, defaults', traces, (trace) => runOnScan(trace, {})),
    score('onScan.js 1.5.2, tuned (key mapper, preventDefault, minLength 4)', traces, (trace) =>
      runOnScan(trace, {
        keyCodeMapper: (e: KeyboardEvent) => (e.key.length === 1 ? e.key : null),
        preventDefault: true,
        minLength: 4,
      }),
    ),
  ];
}

/** How one decoder's scans of damaged cards end up once decoded and judged by the kiosk's policy. */
export interface DamagedCardScore {
  readonly decoder: string;
  readonly damage: string;
  readonly traces: number;
  /** One scan, exactly what the scanner sent. */
  readonly exact: number;
  /** Recorded under the card's own ID. */
  readonly recordedRight: number;
  /** Refused, or no scan at all: the visitor scans again. */
  readonly refusedOrMissed: number;
  /** Recorded under another ID or as a plain code: must be 0. */
  readonly wrongRecords: number;
}

function judgeDamaged(decoder: string, traces: readonly Trace[], run: (trace: Trace) => Outcome): DamagedCardScore[] {
  const byDamage = new Map<string, Trace[]>();
  for (const trace of traces) byDamage.set(trace.damage ?? '', [...(byDamage.get(trace.damage ?? '') ?? []), trace]);
  return [...byDamage].map(([damage, group]) => {
    let exact = 0;
    let recordedRight = 0;
    let refusedOrMissed = 0;
    let wrongRecords = 0;
    for (const trace of group) {
      const { scans, incomplete } = run(trace);
      if (scans.length === 1 && scans[0] === trace.text) exact += 1;
      const decisions = scans.map((text, index) =>
        decideAcceptance(
          decodeCode(text, { today: '2026-11-26', incomplete: incomplete?.[index] }),
          DEFAULT_SETTINGS,
          'port',
        ),
      );
      const accepted = decisions.filter((decision) => decision.accepted);
      if (accepted.some((decision) => decision.identity !== `cccd:${trace.idNumber ?? ''}`)) wrongRecords += 1;
      else if (accepted.length > 0) recordedRight += 1;
      else refusedOrMissed += 1;
    }
    return { decoder, damage, traces: group.length, exact, recordedRight, refusedOrMissed, wrongRecords };
  });
}

/** Damaged CCCD scans (see `buildDamagedTraces`) through ours and onScan.js, then the kiosk's decoder and policy (a port: plain codes on). */
export function compareOnDamagedCards(seed = 2026): DamagedCardScore[] {
  const traces = buildDamagedTraces(seed);
  return [
    ...judgeDamaged('ours (WedgeDecoder)', traces, runOurs),
    ...judgeDamaged('onScan.js 1.5.2, tuned', traces, (trace) =>
      runOnScan(trace, {
        keyCodeMapper: (e: KeyboardEvent) => (e.key.length === 1 ? e.key : null),
        preventDefault: true,
        minLength: 4,
      }),
    ),
  ];
}
