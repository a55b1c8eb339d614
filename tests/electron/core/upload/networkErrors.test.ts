import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  failureCodeOfNetworkError,
  postScanBatch,
  UploadFailure,
} from '../../../../electron/core/upload/DistrictClient';

/** A loopback port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(serverUrl: string): Promise<string> {
  try {
    await postScanBatch({ serverUrl, deviceToken: 't' }, Buffer.from([]), 5_000, Date.now);
  } catch (error) {
    if (error instanceof UploadFailure) return error.code;
    throw error;
  }
  throw new Error('the request did not fail');
}

describe('no network, or the district server down', () => {
  it('a district address where nothing answers (the server stopped, the network fine) is server-down, not offline', async () => {
    expect(await failureOf(`http://127.0.0.1:${await closedPort()}`)).toBe('server-down');
  });

  it('a server that takes the connection and drops it is server-down', async () => {
    const server = createHttpServer((request) => {
      request.resume();
      request.on('end', () => request.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await failureOf(`http://127.0.0.1:${port}`)).toBe('server-down');
    } finally {
      server.close();
    }
  });

  it('reads the kind of error: no route, no interface or no name server is offline; a refusal or unknown name is server-down', () => {
    const fetchError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(failureCodeOfNetworkError(fetchError('ENETUNREACH'))).toBe('offline');
    expect(failureCodeOfNetworkError(fetchError('EHOSTUNREACH'))).toBe('offline');
    expect(failureCodeOfNetworkError(fetchError('EAI_AGAIN'))).toBe('offline');
    expect(failureCodeOfNetworkError(fetchError('ENETDOWN'))).toBe('offline');
    expect(failureCodeOfNetworkError(fetchError('ECONNREFUSED'))).toBe('server-down');
    expect(failureCodeOfNetworkError(fetchError('ENOTFOUND'))).toBe('server-down');
    // Happy eyeballs: every address tried, each refused.
    const both = { code: undefined, errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] };
    expect(failureCodeOfNetworkError(Object.assign(new TypeError('fetch failed'), { cause: both }))).toBe(
      'server-down',
    );
    expect(failureCodeOfNetworkError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(failureCodeOfNetworkError(new TypeError('fetch failed'))).toBe('offline');
  });
});
