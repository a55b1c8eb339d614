/** A KioskApi client over the browser host's WebSocket, as the page would be (for tests and benches). */
import WebSocket from 'ws';

export interface KioskSocket {
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  close(): void;
}

export function connectKioskSocket(pageUrl: string): Promise<KioskSocket> {
  const url = new URL(pageUrl);
  const token = url.hash.replace('#token=', '');
  const ws = new WebSocket(`ws://${url.host}/ws?token=${token}`, { origin: `http://${url.host}` });
  const pending = new Map<number, (result: never) => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: never };
    if (typeof message.id === 'number' && message.result) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'closed' } } as never);
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        call: (method, input) =>
          new Promise((done) => {
            const id = nextId++;
            pending.set(id, done as (result: never) => void);
            ws.send(JSON.stringify({ id, method, input }));
          }),
        close: () => ws.close(),
      }),
    );
    ws.once('error', reject);
  });
}
