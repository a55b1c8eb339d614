/** The password gate: bounded parallel hashing, a bounded queue (503 past it), one name at a time. */
import { describe, expect, it } from 'vitest';
import { PasswordGate } from '../../../server/http/PasswordGate';

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('PasswordGate', () => {
  it('runs at most `parallel` at once, queues `queued` more and refuses the rest with 503', async () => {
    const gate = new PasswordGate(1, 1);
    const first = deferred();
    const order: string[] = [];
    const a = gate.run('a', async () => {
      order.push('a');
      await first.promise;
    });
    const b = gate.run('b', async () => {
      order.push('b');
    });
    expect(() => gate.run('c', async () => undefined)).toThrow(
      expect.objectContaining({ status: 503, headers: { 'Retry-After': '5' } }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a']);
    first.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    await gate.run('c', async () => undefined);
  });

  it('runs attempts on one name one after another even with free slots', async () => {
    const gate = new PasswordGate(4, 10);
    const first = deferred();
    let running = 0;
    let most = 0;
    const attempt = (wait?: Promise<void>) =>
      gate.run('same', async () => {
        running += 1;
        most = Math.max(most, running);
        await wait;
        running -= 1;
      });
    const all = [attempt(first.promise), attempt(), attempt()];
    await new Promise((r) => setTimeout(r, 10));
    first.resolve();
    await Promise.all(all);
    expect(most).toBe(1);
  });
});
