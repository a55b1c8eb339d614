import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDecoder, type WedgeInput, type WedgeOutput } from '../../../shared/wedge/WedgeDecoder';

/** US key codes for the characters the tests type. */
function usCode(ch: string): string {
  if (/[a-z]/i.test(ch)) return `Key${ch.toUpperCase()}`;
  if (/\d/.test(ch)) return `Digit${ch}`;
  const symbols: Record<string, string> = {
    '|': 'Backslash',
    '-': 'Minus',
    ':': 'Semicolon',
    '/': 'Slash',
    '.': 'Period',
    ' ': 'Space',
    '!': 'Digit1',
  };
  return symbols[ch] ?? '';
}

function keyTrace(text: string, gapMs: number, start = 1000): WedgeInput[] {
  const events: WedgeInput[] = [...text].map((ch, i) => ({
    type: 'key',
    key: ch,
    code: usCode(ch),
    time: start + i * gapMs,
  }));
  events.push({ type: 'key', key: 'Enter', code: 'Enter', time: start + text.length * gapMs });
  return events;
}

function run(decoder: WedgeDecoder, events: readonly WedgeInput[]): WedgeOutput[] {
  const outputs: WedgeOutput[] = [];
  for (const event of events) outputs.push(...decoder.push(event).outputs);
  outputs.push(...decoder.flush(Number.MAX_SAFE_INTEGER));
  return outputs;
}

describe('WedgeDecoder', () => {
  it.each([1, 6, 10, 19])('reads a burst at %i ms a key ended by Enter as one exact scan', (gap) => {
    const text = '037188000123||PHAM THI HONG|23071988|NZCOVID:1/2-3';
    const outputs = run(new WedgeDecoder(), keyTrace(text, gap));
    expect(outputs).toEqual([expect.objectContaining({ type: 'scan', text, layoutSuspected: false })]);
  });

  it.each([80, 120, 200])('gives no scan for a person typing at %i ms a key, and hands the characters back', (gap) => {
    const outputs = run(new WedgeDecoder(), keyTrace('037188000123', gap));
    expect(outputs.some((o) => o.type === 'scan')).toBe(false);
    expect(outputs.map((o) => (o.type === 'typed' ? o.text : '')).join('')).toBe('037188000123');
  });

  it('lets Enter through for a person (not consumed) and consumes it after a burst', () => {
    const decoder = new WedgeDecoder();
    decoder.push({ type: 'key', key: 'a', code: 'KeyA', time: 0 });
    expect(decoder.push({ type: 'key', key: 'Enter', code: 'Enter', time: 300 }).consumed).toBe(false);
    for (const [i, ch] of [...'ABCDE'].entries())
      decoder.push({ type: 'key', key: ch, code: `Key${ch}`, time: 1000 + i * 5 });
    expect(decoder.push({ type: 'key', key: 'Enter', code: 'Enter', time: 1030 }).consumed).toBe(true);
  });

  it('waits a little longer for the terminator after a burst (scanners that pause before the suffix)', () => {
    const events = keyTrace('ABCDEFGH', 5).map((e) =>
      e.type === 'key' && e.key === 'Enter' ? { ...e, time: e.time + 200 } : e,
    );
    expect(run(new WedgeDecoder(), events)).toEqual([expect.objectContaining({ type: 'scan', text: 'ABCDEFGH' })]);
    const late = keyTrace('ABCDEFGH', 5).map((e) =>
      e.type === 'key' && e.key === 'Enter' ? { ...e, time: e.time + 400 } : e,
    );
    expect(run(new WedgeDecoder(), late).some((o) => o.type === 'scan')).toBe(false);
  });

  it('treats a held key (OS autorepeat) as a person, however fast it repeats', () => {
    const events: WedgeInput[] = [{ type: 'key', key: 'a', code: 'KeyA', time: 0 }];
    for (let t = 500; t < 1500; t += 20) events.push({ type: 'key', key: 'a', code: 'KeyA', time: t, repeat: true });
    events.push({ type: 'key', key: 'Enter', code: 'Enter', time: 1520 });
    const decoder = new WedgeDecoder();
    expect(decoder.push(events[1]).consumed).toBe(false);
    expect(run(new WedgeDecoder(), events).some((o) => o.type === 'scan')).toBe(false);
  });

  it('keeps a scanner burst whole across one radio pause (Bluetooth)', () => {
    const text = 'VE-LS-2026-000731';
    const events = keyTrace(text, 6).map((e, i) => (i >= 10 ? { ...e, time: e.time + 120 } : e));
    expect(run(new WedgeDecoder(), events)).toEqual([
      expect.objectContaining({ type: 'scan', text, incomplete: false }),
    ]);
  });

  it.each([1, 2, 3])(
    'keeps a scan whole across a stall of up to 150 ms after its first %i keys (a busy PC)',
    (firstKeys) => {
      const text = 'VE-TEST-0001';
      for (const stallMs of [60, 100, 150]) {
        const events = keyTrace(text, 6).map((e, i) => (i >= firstKeys ? { ...e, time: e.time + stallMs } : e));
        expect(run(new WedgeDecoder(), events)).toEqual([
          expect.objectContaining({ type: 'scan', text, incomplete: false }),
        ]);
      }
    },
  );

  it('a stall before the first key is only idle time', () => {
    const events = keyTrace('VE-TEST-0001', 6, 5000);
    const decoder = new WedgeDecoder();
    expect(decoder.flush(4000)).toEqual([]);
    expect(run(decoder, events)).toEqual([
      expect.objectContaining({ type: 'scan', text: 'VE-TEST-0001', incomplete: false }),
    ]);
  });

  it('marks a scan incomplete when a longer stall cut its first keys off: never a shortened scan taken as whole', () => {
    for (const stallMs of [200, 280, 400, 900]) {
      const events = keyTrace('VE-TEST-0001', 6).map((e, i) => (i >= 2 ? { ...e, time: e.time + stallMs } : e));
      const outputs = run(new WedgeDecoder(), events);
      expect(outputs.filter((o) => o.type === 'scan')).toEqual([
        expect.objectContaining({ text: '-TEST-0001', incomplete: true }),
      ]);
    }
  });

  it('reads a card scanned within a second after a person typed digits and pressed Enter: not a cut-off scan', () => {
    // The field report: 12 digits at 160 ms a key, Enter, 0.8 s, then a CCCD at 3 ms a key (4 of 5 tries
    // refused as incomplete). The page's timer judges held keys as it would: at flushDelayMs + 5 ms.
    const cccd = '037188000123||PHAM THI HONG|23071988|Nu|XOM 3|09092021';
    for (const jitterMs of [-3, -1, 0, 1, 2, 4, 7]) {
      const decoder = new WedgeDecoder();
      const outputs: WedgeOutput[] = [];
      const at = (time: number) => {
        for (let delay = decoder.flushDelayMs; delay !== null; delay = decoder.flushDelayMs) {
          const due = decoderLast + delay + 5;
          if (due >= time) break;
          const before = decoder.holding;
          outputs.push(...decoder.flush(due));
          if (before === decoder.holding) break;
        }
      };
      let decoderLast = 0;
      const push = (event: WedgeInput) => {
        at(event.time);
        outputs.push(...decoder.push(event).outputs);
        decoderLast = event.time;
      };
      [...'079123456789'].forEach((digit, i) =>
        push({ type: 'key', key: digit, code: `Digit${digit}`, time: 1000 + i * (160 + jitterMs) }),
      );
      const enterAt = 1000 + 12 * (160 + jitterMs);
      push({ type: 'key', key: 'Enter', code: 'Enter', time: enterAt });
      keyTrace(cccd, 3, enterAt + 800).forEach(push);
      outputs.push(...decoder.flush(Number.MAX_SAFE_INTEGER));
      expect(
        outputs.filter((o) => o.type === 'scan'),
        `jitter ${jitterMs} ms`,
      ).toEqual([expect.objectContaining({ text: cccd, incomplete: false })]);
      expect(outputs.map((o) => (o.type === 'typed' ? o.text : '')).join('')).toBe('079123456789');
    }
  });

  it('takes back first keys a late timer gave back while their own times show no pause', () => {
    const decoder = new WedgeDecoder();
    const events = keyTrace('VE-TEST-0001', 6);
    const outputs: WedgeOutput[] = [...decoder.push(events[0]).outputs, ...decoder.push(events[1]).outputs];
    // The page was busy: the timer ran 400 ms late, before the keys queued behind it.
    outputs.push(...decoder.flush(events[1].time + 400));
    for (const event of events.slice(2)) outputs.push(...decoder.push(event).outputs);
    expect(outputs.filter((o) => o.type === 'scan')).toEqual([
      expect.objectContaining({ text: 'VE-TEST-0001', incomplete: false }),
    ]);
  });

  it('never makes a scan of a person typing, even with two keys rolled together around a pause', () => {
    const events: WedgeInput[] = [
      { type: 'key', key: 'a', code: 'KeyA', time: 0 },
      { type: 'key', key: 's', code: 'KeyS', time: 30 },
      { type: 'key', key: 'd', code: 'KeyD', time: 130 },
      { type: 'key', key: 'f', code: 'KeyF', time: 160 },
      { type: 'key', key: 'Enter', code: 'Enter', time: 200 },
    ];
    const outputs = run(new WedgeDecoder(), events);
    expect(outputs.some((o) => o.type === 'scan')).toBe(false);
    expect(outputs.map((o) => (o.type === 'typed' ? o.text : '')).join('')).toBe('asdf');
  });

  it('sees an input method rewriting a burst (Telex via Backspace, or a composition) and applies it', () => {
    // Unikey turns "DD" into "Đ": it deletes the second D and the first, then types Đ.
    const keys: WedgeInput[] = [...'NGUYEN DD'].map((ch, i) => ({
      type: 'key',
      key: ch,
      code: ch === ' ' ? 'Space' : `Key${ch}`,
      time: i * 4,
    }));
    keys.push(
      { type: 'key', key: 'Backspace', code: 'Backspace', time: 37 },
      { type: 'key', key: 'Backspace', code: 'Backspace', time: 38 },
    );
    keys.push({ type: 'text', text: 'Đ', time: 39 }, { type: 'key', key: 'Enter', code: 'Enter', time: 42 });
    expect(run(new WedgeDecoder(), keys)).toEqual([
      expect.objectContaining({ type: 'scan', text: 'NGUYEN Đ', layoutSuspected: true }),
    ]);
    const composed: WedgeInput[] = [...keyTrace('ABCDEF', 4)];
    composed.splice(3, 0, { type: 'composition', time: 9 });
    expect(run(new WedgeDecoder(), composed)).toEqual([
      expect.objectContaining({ text: 'ABCDEF', layoutSuspected: true }),
    ]);
  });

  it('lets a person use Backspace in a text field as usual', () => {
    const decoder = new WedgeDecoder();
    decoder.push({ type: 'key', key: 'a', code: 'KeyA', time: 0 });
    expect(decoder.push({ type: 'key', key: 'Backspace', code: 'Backspace', time: 300 })).toEqual({
      outputs: [{ type: 'typed', text: 'a' }],
      consumed: false,
    });
  });

  it('removes a programmed prefix and suffix', () => {
    expect(run(new WedgeDecoder({ prefix: '#', suffix: '$$' }), keyTrace('#VE-0001$$', 3))).toEqual([
      expect.objectContaining({ text: 'VE-0001' }),
    ]);
    expect(run(new WedgeDecoder({ terminators: ['Tab'] }), keyTrace('VE-0001', 3)).some((o) => o.type === 'scan')).toBe(
      false,
    );
  });

  it('suspects the layout when a key disagrees with the US layout for its position (AZERTY digits)', () => {
    const events: WedgeInput[] = [...'&é"\'('].map((ch, i) => ({
      type: 'key',
      key: ch,
      code: `Digit${i + 1}`,
      time: i * 3,
    }));
    events.push({ type: 'key', key: 'Enter', code: 'Enter', time: 20 });
    expect(run(new WedgeDecoder(), events)).toEqual([
      expect.objectContaining({ type: 'scan', text: '&é"\'(', layoutSuspected: true }),
    ]);
  });

  it('reads text inserted without key events (input methods, Unicode wedges) as part of the burst', () => {
    const events: WedgeInput[] = [
      { type: 'key', key: 'P', code: 'KeyP', time: 0 },
      { type: 'key', key: 'h', code: 'KeyH', time: 3 },
      { type: 'text', text: 'ạ', time: 6 },
      { type: 'key', key: 'm', code: 'KeyM', time: 9 },
      { type: 'key', key: 'Enter', code: 'Enter', time: 12 },
    ];
    expect(run(new WedgeDecoder(), events)).toEqual([expect.objectContaining({ type: 'scan', text: 'Phạm' })]);
  });

  it('ignores modifier keys between characters', () => {
    const events: WedgeInput[] = [
      { type: 'key', key: 'Shift', code: 'ShiftLeft', time: 0 },
      ...keyTrace('A|B|C', 4, 1),
    ];
    expect(run(new WedgeDecoder(), events)).toEqual([expect.objectContaining({ type: 'scan', text: 'A|B|C' })]);
  });

  it('caps a runaway burst and counts what it dropped', () => {
    const outputs = run(new WedgeDecoder({ maxChars: 100 }), keyTrace('7'.repeat(150), 1));
    expect(outputs).toEqual([expect.objectContaining({ type: 'scan', text: '7'.repeat(100), overflowChars: 50 })]);
  });

  it('ends a burst on idle only when configured to', () => {
    const events: WedgeInput[] = [...'ABCDEF'].map((ch, i) => ({
      type: 'key',
      key: ch,
      code: `Key${ch}`,
      time: i * 5,
    }));
    expect(run(new WedgeDecoder(), events)).toEqual([{ type: 'typed', text: 'ABCDEF' }]);
    expect(run(new WedgeDecoder({ endOnIdle: true }), events)).toEqual([
      expect.objectContaining({ type: 'scan', text: 'ABCDEF' }),
    ]);
  });

  it('reads any printable code at any scanner speed exactly', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{4,80}$/), fc.integer({ min: 1, max: 20 }), (text, gap) => {
        expect(run(new WedgeDecoder(), keyTrace(text, gap))).toEqual([expect.objectContaining({ type: 'scan', text })]);
      }),
    );
  });
});
