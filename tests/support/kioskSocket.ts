/** A KioskApi client over the browser host's WebSocket, as the page would be (for tests and benches). */
import WebSocket from 'ws';

export interface KioskSocket {
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  close(): void;
}

/**
 * Spends a page URL's one-use launch link (`#launch=`) as a page would, and gives the page URL with
 * the token the host handed over (`#token=`), which any number of pages may open.
 */
export function exchangeLaunchUrl(pageUrl: string): Promise<string> {
  const url = new URL(pageUrl);
  const launch = url.hash.replace('#launch=', '');
  const ws = new WebSocket(`ws://${url.host}/ws?launch=${launch}`, { origin: `http://${url.host}` });
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => {
      const { launchToken } = JSON.parse(data.toString()) as { launchToken?: string };
      ws.close();
      if (launchToken) resolve(`http://${url.host}/#token=${launchToken}`);
      else reject(new Error('exchangeLaunchUrl: the first message carried no token'));
    });
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`exchangeLaunchUrl: status ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

/** Connects with the page URL's `#token=`, or spends its `#launch=` link (the host's first message is then the token). */
export function connectKioskSocket(pageUrl: string): Promise<KioskSocket> {
  const url = new URL(pageUrl);
  const query = url.hash.startsWith('#launch=')
    ? `launch=${url.hash.slice('#launch='.length)}`
    : `token=${url.hash.replace('#token=', '')}`;
  const ws = new WebSocket(`ws://${url.host}/ws?${query}`, { origin: `http://${url.host}` });
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
