/** A stand-in district server for uploader tests: enrolls anyone, stores batches, fails on demand. */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { listenOnLoopback } from './loopback';

export interface FakeDistrict {
  readonly url: string;
  readonly stored: Set<string>;
  batches: number;
  close(): Promise<void>;
}

/** A district server that enrolls anyone and fails (500) every batch for which `fails` says so. */
export async function fakeDistrict(fails: (texts: readonly (string | null)[]) => boolean): Promise<FakeDistrict> {
  const stored = new Set<string>();
  const district = { stored, batches: 0 } as {
    stored: Set<string>;
    batches: number;
    url: string;
    close: () => Promise<void>;
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/api/v1/enroll') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return void response.end(
          JSON.stringify({
            deviceId: 'd1',
            deviceToken: 't'.repeat(43),
            venueId: 'v1',
            venueName: 'Cảng Lý Sơn',
            venueType: 'port',
          }),
        );
      }
      district.batches += 1;
      const batch = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as {
        scans: { id: string; codeText: string | null }[];
      };
      if (fails(batch.scans.map((scan) => scan.codeText))) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        return void response.end('{"error":"internal"}');
      }
      for (const scan of batch.scans) stored.add(scan.id);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          receivedAt: new Date().toISOString(),
          results: batch.scans.map((scan) => ({ id: scan.id, status: 'accepted' })),
        }),
      );
    });
  });
  district.url = await listenOnLoopback(server);
  district.close = () => new Promise((resolve) => server.close(() => resolve()));
  return district;
}
