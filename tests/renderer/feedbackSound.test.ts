import { afterEach, describe, expect, it, vi } from 'vitest';

/** A Web Audio stand-in recording each tone's gain and frequency. */
function fakeAudio() {
  const tones: { hz: number; gain: number }[] = [];
  class FakeAudioContext {
    currentTime = 0;
    destination = {};
    createOscillator() {
      const node = {
        type: '',
        frequency: { value: 0 },
        connect: (gain: { gain: { value: number } }) => {
          tones.push({ hz: node.frequency.value, gain: gain.gain.value });
          return gain;
        },
        start: () => undefined,
        stop: () => undefined,
      };
      return node;
    }
    createGain() {
      return { gain: { value: 0 }, connect: () => undefined };
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return tones;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('feedback sound', () => {
  it('plays at the volume set, silent at 0, and has a tone for an undone scan', async () => {
    const tones = fakeAudio();
    const { playOutcomeSound } = await import('../../renderer/feedbackSound');
    playOutcomeSound('recorded', 0);
    expect(tones).toEqual([]);
    playOutcomeSound('recorded', 100);
    playOutcomeSound('recorded', 50);
    expect(tones.map((tone) => tone.gain)).toEqual([0.3, 0.15]);
    playOutcomeSound('voided', 70);
    expect(tones.slice(2).map((tone) => tone.hz)).toEqual([880, 660]);
  });

  it('has a tone of its own for a full boat: three falling blasts, unlike any other outcome', async () => {
    const tones = fakeAudio();
    const { playOutcomeSound } = await import('../../renderer/feedbackSound');
    playOutcomeSound('boat-full', 100);
    const full = tones.map((tone) => tone.hz);
    expect(full).toHaveLength(3);
    expect([...full].sort((a, b) => b - a)).toEqual(full);
    for (const other of ['recorded', 'duplicate', 'refused', 'failed', 'voided'] as const) {
      tones.length = 0;
      playOutcomeSound(other, 100);
      expect(tones.map((tone) => tone.hz)).not.toEqual(full);
    }
  });
});
