/**
 * Reading a JSON request body within exact limits: bytes on the wire, bytes after gunzip (counted
 * as the inflater produces them, so a decompression bomb stops at the limit), and the server-wide
 * budget for bodies in flight.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { BodyReservation } from './BodyBudget';
import { ClientAbortError, HttpError } from './HttpError';

/** Limits of one route's body, bytes. */
export interface BodyLimits {
  readonly maxWireBytes: number;
  readonly maxInflatedBytes: number;
}

/** Seconds a client is asked to wait when the body budget is spent. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

const busy = () =>
  new HttpError(503, 'busy', 'server: too many request bodies in flight; retry later', {
    'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
  });

/**
 * The body as it arrives. Over the route's limit the connection is dropped (the client may be
 * sending much more); over the budget the rest is read and thrown away, so the client can read its
 * 503 and retry, and memory is not held.
 */
function readWire(request: IncomingMessage, limits: BodyLimits, reservation: BodyReservation): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, 'too-large', `server: body over ${limits.maxWireBytes} bytes`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limits.maxWireBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = (error: HttpError, drain: boolean) => {
      refused = true;
      chunks.length = 0;
      if (!drain) request.destroy();
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limits.maxWireBytes) refuse(tooLarge(), false);
      else if (!reservation.take(chunk.length)) refuse(busy(), true);
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    // A client that goes away mid-body shows as 'error' ("aborted") or as a close before the end.
    request.on('error', () => {
      if (!refused) reject(new ClientAbortError());
    });
    request.on('close', () => {
      if (!refused && !request.complete) reject(new ClientAbortError());
    });
  });
}

async function inflate(body: Buffer, limits: BodyLimits, reservation: BodyReservation): Promise<Buffer> {
  const gunzip = createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  gunzip.end(body);
  try {
    for await (const chunk of gunzip) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > limits.maxInflatedBytes)
        throw new HttpError(413, 'too-large', `server: inflated body over ${limits.maxInflatedBytes} bytes`);
      if (!reservation.take(bytes.length)) throw busy();
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'bad-encoding', 'server: body is not valid gzip');
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks);
}

/** The body parsed as JSON (gzip or identity encoding). The caller releases the reservation. */
export async function readJsonBody(
  request: IncomingMessage,
  limits: BodyLimits,
  reservation: BodyReservation,
): Promise<unknown> {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError(415, 'bad-encoding', 'server: only gzip or identity content encoding');
  }
  let body = await readWire(request, limits, reservation);
  if (encoding === 'gzip') body = await inflate(body, limits, reservation);
  if (encoding !== 'gzip' && body.length > limits.maxInflatedBytes)
    throw new HttpError(413, 'too-large', `server: body over ${limits.maxInflatedBytes} bytes`);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-json', 'server: body is not JSON');
  }
}

/**
 * Streams a raw body (identity encoding) to `file` within the route's wire limit, never holding it
 * in memory (so the body budget is not drawn on): a scan file carried from a venue is hundreds of
 * MiB. Over the limit the connection is dropped and the partial file removed; answers the bytes
 * written. The caller removes the file when done.
 */
export async function saveBodyToFile(request: IncomingMessage, limits: BodyLimits, file: string): Promise<number> {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity')
    throw new HttpError(415, 'bad-encoding', 'server: this body is sent as it is (no content encoding)');
  const tooLarge = () => new HttpError(413, 'too-large', `server: body over ${limits.maxWireBytes} bytes`);
  if (Number(request.headers['content-length'] ?? 0) > limits.maxWireBytes) throw tooLarge();
  let size = 0;
  let over = false;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limits.maxWireBytes) {
        over = true;
        done(tooLarge());
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(request, counted, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await rm(file, { force: true });
    if (over) {
      request.destroy();
      throw tooLarge();
    }
    if (error instanceof HttpError) throw error;
    throw new ClientAbortError();
  }
  return size;
}
