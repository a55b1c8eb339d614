/**
 * A front for a real district server (a child process, see `serverProcess.ts`): it answers 500 for
 * any scan batch `refuses` names (a server that cannot take one scan), passes everything else on,
 * and keeps every per-id answer the server gave (accepted, duplicate, rejected) in order.
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { forward } from './faultProxy';
import { listenOnLoopback } from './loopback';

export interface ScanAnswerSeen {
  readonly id: string;
  readonly status: string;
  readonly reason?: string;
}

export interface RefusingFront {
  readonly url: string;
  /** Scan batch requests seen, refused or passed on. */
  readonly batches: number;
  /** Every per-id answer the server gave, in order. */
  readonly answers: readonly ScanAnswerSeen[];
  close(): Promise<void>;
}

/** `refuses` sees each batch's code texts; true answers 500 without passing the batch on. */
export async function startRefusingFront(
  targetUrl: string,
  refuses: (codeTexts: readonly (string | null)[]) => boolean,
): Promise<RefusingFront> {
  const target = new URL(targetUrl);
  const answers: ScanAnswerSeen[] = [];
  let batches = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const isBatch = request.url === '/api/v1/scans:batch';
      if (isBatch) {
        batches += 1;
        const batch = JSON.parse(gunzipSync(body).toString()) as { scans: { codeText: string | null }[] };
        if (refuses(batch.scans.map((scan) => scan.codeText))) {
          response.writeHead(500, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ error: 'internal', message: 'front: refused' }));
          return;
        }
      }
      forward(target, request, body).then(
        (answer) => {
          if (isBatch && answer.status === 200) {
            const text = (
              answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body
            ).toString();
            answers.push(...(JSON.parse(text) as { results: ScanAnswerSeen[] }).results);
          }
          response.writeHead(answer.status, answer.headers).end(answer.body);
        },
        () => request.socket.destroy(),
      );
    });
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    get batches() {
      return batches;
    },
    answers,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
