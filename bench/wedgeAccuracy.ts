/**
 * wedge.accuracy: our WedgeDecoder against onScan.js (the library a web developer would pick) on
 * the same key traces. Counts codes decoded exactly, false scans from people typing, and scan
 * characters that would leak into a focused text field. onScan.js runs in jsdom on a virtual clock.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { WedgeDecoder, type WedgeOutput } from '../shared/wedge/WedgeDecoder';
import { buildTraces, type Trace } from './wedgeTraces';

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
  /** Printable keys whose default action went through (the field got the character). */
  readonly leaked: number;
  /** Printable characters that reached the field, by default action or given back. */
  readonly delivered: number;
}

function runOurs(trace: Trace): Outcome {
  const decoder = new WedgeDecoder();
  const scans: string[] = [];
  let leaked = 0;
  let given = 0;
  const take = (outputs: readonly WedgeOutput[]) => {
    for (const output of outputs) {
      if (output.type === 'scan') scans.push(output.text);
      else given += [...output.text].length;
    }
  };
  for (const key of trace.keys) {
    take(decoder.flush(key.time));
    const step = decoder.push({ type: 'key', key: key.key, code: key.code, time: key.time, repeat: key.repeat });
    if (!step.consumed && key.key.length === 1) leaked += 1;
    take(step.outputs);
  }
  take(decoder.flush(Number.MAX_SAFE_INTEGER));
  return { scans, leaked, delivered: leaked + given };
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
    const event = new window.KeyboardEvent('keydown', { key: key.key, code: key.code, keyCode: key.keyCode, which: key.keyCode, shiftKey: key.shiftKey, repeat: key.repeat ?? false, bubbles: true, cancelable: true } as KeyboardEventInit);
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
      runOnScan(trace, { keyCodeMapper: (e: KeyboardEvent) => (e.key.length === 1 ? e.key : null), preventDefault: true, minLength: 4 }),
    ),
  ];
}
