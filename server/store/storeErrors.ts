/**
 * Errors that mean part of the district's data is out of reach rather than wrong: on Citus a worker
 * is down (Citus answers SQLSTATE 08006 "connection to the remote node … failed"), or the database
 * server itself is. The request did nothing; the answer is 503 with Retry-After, and a kiosk keeps its
 * scans and sends them again.
 */

/** Seconds a client is asked to wait before trying again. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 30;

const NODE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

export function isStoreUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || NODE_CONNECTION_CODES.has(code))) return true;
  // Citus reports some lost worker connections without a connection SQLSTATE.
  return (
    typeof message === 'string' &&
    /connection to the remote node|Connection terminated unexpectedly|could not establish any connections to the node/.test(
      message,
    )
  );
}
