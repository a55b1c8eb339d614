/**
 * An HTTP fault proxy on loopback between a kiosk and the district server. Each request takes the
 * next fault from a queue (then the default): pass it on, lose the acknowledgement after the server
 * committed, answer 500 or 429 itself, stall past the client's timeout, or reset the connection.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { listenOnLoopback } from './loopback';

export type Fault =
  | { readonly kind: 'pass' }
  /** Forward; the server commits; then drop the connection before the answer reaches the kiosk. */
  | { readonly kind: 'lose-ack' }
  /** Forward, then hold the answer for `ms` (past the kiosk's timeout), then drop it. */
  | { readonly kind: 'stall'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Reset the connection without forwarding (server down). */
  | { readonly kind: 'reset' };

export interface SeenRequest {
  readonly path: string;
  readonly fault: Fault['kind'];
  readonly at: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly seen: SeenRequest[];
  queue(...faults: Fault[]): void;
  setDefault(fault: Fault): void;
  /** Resolves when the proxy has seen `count` requests in all. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function forward(
  target: URL,
  request: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: request.url,
        method: request.method,
        headers: { ...request.headers, host: target.host },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const faults: Fault[] = [];
  let fallback: Fault = { kind: 'pass' };
  const seen: SeenRequest[] = [];
  const waiters: Array<() => void> = [];
  const held = new Set<ServerResponse>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fault = faults.shift() ?? fallback;
    seen.push({ path: request.url ?? '', fault: fault.kind, at: Date.now() });
    waiters.splice(0).forEach((wake) => wake());
    switch (fault.kind) {
      case 'reset':
        request.socket.destroy();
        return;
      case 'status':
        response
          .writeHead(fault.status, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {})
          .end(JSON.stringify({ error: 'fault', message: 'proxy: injected' }));
        return;
      case 'pass': {
        const answer = await forward(target, request, Buffer.concat(chunks));
        response.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      case 'lose-ack':
        await forward(target, request, Buffer.concat(chunks));
        request.socket.destroy();
        return;
      case 'stall':
        await forward(target, request, Buffer.concat(chunks));
        held.add(response);
        setTimeout(() => {
          held.delete(response);
          request.socket.destroy();
        }, fault.ms).unref();
        return;
      default: {
        const exhaustive: never = fault;
        throw new Error(`proxy: unknown fault ${String(exhaustive)}`);
      }
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    seen,
    queue: (...more) => faults.push(...more),
    setDefault: (fault) => {
      fallback = fault;
    },
    async waitForRequests(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (seen.length < count) {
        if (Date.now() > deadline) throw new Error(`proxy: saw ${seen.length} of ${count} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100).unref();
        });
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
