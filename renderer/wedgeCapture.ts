/**
 * DOM glue for the pure {@link WedgeDecoder}: listens to the whole window, holds every printable
 * character until the decoder has judged it, hands scans to `onScan` and gives characters a person
 * typed back to the focused text field. A scan never reaches a text field.
 */
import type { SubmitScanInput } from '../shared/kioskScans';
import { WedgeDecoder, type WedgeOptions, type WedgeOutput } from '../shared/wedge/WedgeDecoder';

export type WedgeScan = Extract<WedgeOutput, { type: 'scan' }>;

/** What the page submits for a wedge scan: the text and what the decoder saw of it. */
export function wedgeScanInput(scan: WedgeScan): SubmitScanInput {
  return {
    raw: scan.text,
    source: 'wedge',
    layoutSuspected: scan.layoutSuspected,
    ...(scan.incomplete ? { incomplete: true } : {}),
  };
}

function editableTarget(element: Element | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (element instanceof HTMLTextAreaElement) return element;
  if (element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(element.type))
    return element;
  return null;
}

/** Starts capturing; returns the function that stops it. */
export function attachWedgeCapture(onScan: (scan: WedgeScan) => void, options: Partial<WedgeOptions> = {}): () => void {
  const decoder = new WedgeDecoder(options);
  let flushTimer: number | undefined;
  let releasing = false;
  /** The last printable key whose keydown went through (a person's): its keypress is the browser's. */
  let passedKey: string | null = null;

  const deliver = (outputs: readonly WedgeOutput[]) => {
    for (const output of outputs) {
      if (output.type === 'scan') {
        onScan(output);
        continue;
      }
      const field = editableTarget(document.activeElement);
      if (!field || field.dataset.scanSink !== undefined) continue;
      // A person typed into a text field: put the held characters where they were going.
      releasing = true;
      try {
        document.execCommand('insertText', false, output.text);
      } finally {
        releasing = false;
      }
    }
  };

  const scheduleFlush = () => {
    window.clearTimeout(flushTimer);
    const delay = decoder.flushDelayMs;
    if (delay !== null) {
      flushTimer = window.setTimeout(() => {
        deliver(decoder.flush(performance.now()));
        scheduleFlush();
      }, delay + 5);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.ctrlKey || event.metaKey || (event.altKey && !event.getModifierState('AltGraph')))
      return;
    const step = decoder.push({
      type: 'key',
      key: event.key,
      code: event.code,
      time: event.timeStamp,
      repeat: event.repeat,
    });
    if (step.consumed) {
      event.preventDefault();
      event.stopPropagation();
    }
    passedKey = !step.consumed && [...event.key].length === 1 ? event.key : null;
    deliver(step.outputs);
    scheduleFlush();
  };

  // Text that arrives without key events: input methods, Alt codes, wedges typing Unicode.
  const onBeforeInput = (event: InputEvent) => {
    if (releasing || event.inputType !== 'insertText' || !event.data) return;
    // Several characters at once into a real text field (autofill, an on-screen keyboard, an input
    // method's commit) are a person's: scanners deliver one character per event.
    const field = editableTarget(event.target instanceof Element ? event.target : null);
    if (field && field.dataset.scanSink === undefined && [...event.data].length > 1 && !decoder.holding) return;
    event.preventDefault();
    const step = decoder.push({ type: 'text', text: event.data, time: event.timeStamp });
    deliver(step.outputs);
    scheduleFlush();
  };

  // A character composed from an Alt code (a wedge typing what a keyboard cannot) comes when Alt is
  // released, as a keypress with no keydown of its own (its digits' keydowns carried Alt and were
  // left alone). Keydowns the decoder consumed have no keypress (their default was prevented), so a
  // keypress here is either such a character or the browser's own for a key let through.
  const onKeyPress = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || [...event.key].length !== 1) return;
    if (passedKey === event.key) {
      passedKey = null;
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const step = decoder.push({ type: 'text', text: event.key, time: event.timeStamp });
    deliver(step.outputs);
    scheduleFlush();
  };

  const onCompositionStart = (event: CompositionEvent) => {
    deliver(decoder.push({ type: 'composition', time: event.timeStamp }).outputs);
  };

  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keypress', onKeyPress, true);
  window.addEventListener('beforeinput', onBeforeInput, true);
  window.addEventListener('compositionstart', onCompositionStart, true);
  return () => {
    window.removeEventListener('compositionstart', onCompositionStart, true);
    window.clearTimeout(flushTimer);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keypress', onKeyPress, true);
    window.removeEventListener('beforeinput', onBeforeInput, true);
  };
}
