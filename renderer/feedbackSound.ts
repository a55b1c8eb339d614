/** Short tones for scan outcomes (Web Audio; no files). Quietly does nothing where audio is blocked. */
import type { ScanOutcome } from '../shared/kioskScans';

let context: AudioContext | null = null;

const TONES: Readonly<Record<ScanOutcome, ReadonlyArray<readonly [hz: number, ms: number]>>> = {
  recorded: [[1046, 110]],
  duplicate: [
    [784, 90],
    [784, 90],
  ],
  'needs-direction': [[660, 120]],
  'needs-declaration': [[660, 120]],
  tested: [[880, 60]],
  voided: [
    [880, 90],
    [660, 140],
  ],
  refused: [[220, 380]],
  failed: [[180, 600]],
  // A full boat: three falling blasts, like no other tone here, heard over a queue at the gangway.
  'boat-full': [
    [880, 260],
    [587, 260],
    [392, 520],
  ],
};

/** Outcomes sounded with a harsh (square) wave: a stop. */
const HARSH: ReadonlySet<ScanOutcome> = new Set<ScanOutcome>(['refused', 'failed', 'boat-full']);

/** Gain at volume 100: loud enough across a counter, below clipping with two tones. */
const FULL_GAIN = 0.3;

/** Plays the outcome's tone at `volume` (0 silent to 100, the admin setting). */
export function playOutcomeSound(outcome: ScanOutcome, volume: number): void {
  if (volume <= 0) return;
  try {
    context ??= new AudioContext();
    let start = context.currentTime;
    for (const [hz, ms] of TONES[outcome]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = HARSH.has(outcome) ? 'square' : 'sine';
      oscillator.frequency.value = hz;
      gain.gain.value = (FULL_GAIN * Math.min(volume, 100)) / 100;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + ms / 1000);
      start += (ms + 60) / 1000;
    }
  } catch {
    // Audio is a nicety; the card carries the outcome.
  }
}

/** The admin's sound test: the green tone, then the red one, at `volume`. */
export function playSoundTest(volume: number): void {
  playOutcomeSound('recorded', volume);
  window.setTimeout(() => playOutcomeSound('refused', volume), 400);
}
