/**
 * Errors that mean part of the district's data is out of reach rather than wrong: on Citus a worker
 * is down (Citus answers SQLSTATE 08006 "connection to the remote node … failed"), or the database
 * server itself is. The request did nothing; the answer is 503 with Retry-After, and a kiosk keeps its
 * scans and sends them again.
 */

/** Seconds a client is asked to wait before trying again. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 30;

const NODE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
/**
 * SQLSTATEs of a connection lost or refused, and of a server shutting down or starting: not 08P01
 * (protocol violation), which a coding bug raises and must stay a 500.
 */
const UNREACHABLE_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P03']);

export function isStoreUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATES.has(code) || NODE_CONNECTION_CODES.has(code))) return true;
  // Citus reports some lost worker connections without a connection SQLSTATE.
  return (
    typeof message === 'string' &&
    /connection to the remote node|Connection terminated unexpectedly|could not establish any connections to the node/.test(
      message,
    )
  );
}
