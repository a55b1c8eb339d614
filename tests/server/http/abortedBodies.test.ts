/** A client that gives up mid-body is the client's doing: logged as its abort, never as an internal error. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DISTRICT_STORES, startDistrictServer } from '../../support/districtServer';

describe('aborted request bodies', () => {
  it('logs a body cut off by the client as its abort, not as an internal error, and the server stays up', async () => {
    const server = await startDistrictServer(await DISTRICT_STORES[0][1]());
    try {
      const { port } = new URL(server.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"a`,
          );
          setTimeout(() => socket.destroy(), 100);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      await expect
        .poll(() => server.logLines.join('\n'), { timeout: 5000 })
        .toContain('request body aborted by the client');
      expect(server.logLines.join('\n')).not.toContain('internal error');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
