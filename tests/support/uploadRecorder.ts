/**
 * A pass-through proxy on loopback between a kiosk and its district server that keeps every scan
 * the kiosk uploaded (`scans:batch` bodies, gunzipped): what the kiosk sent, read at the wire, while
 * the server answers as usual.
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { UploadedScan } from '../../shared/district';
import { forward } from './faultProxy';
import { listenOnLoopback } from './loopback';

export interface UploadRecorder {
  readonly url: string;
  /** Every scan uploaded so far, in the order sent (a scan sent again appears again). */
  scans(): readonly UploadedScan[];
  close(): Promise<void>;
}

export async function startUploadRecorder(targetUrl: string): Promise<UploadRecorder> {
  const target = new URL(targetUrl);
  const sent: UploadedScan[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (request.url?.includes('scans:batch')) {
        const text = request.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString() : body.toString();
        sent.push(...(JSON.parse(text) as { scans: UploadedScan[] }).scans);
      }
      const answer = await forward(target, request, body);
      response.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch(() => request.socket.destroy());
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    scans: () => sent,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
