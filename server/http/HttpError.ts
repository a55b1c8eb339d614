import type { InvalidField } from '../../shared/district';

/** An error with the HTTP answer it stands for; the dispatcher turns it into `{ error, message, fields? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** For `invalid-request`: the refused fields. */
    readonly fields?: readonly InvalidField[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * The client closed the connection before its body arrived whole: its own doing, so the dispatcher
 * logs it as such (no internal error); the answer goes nowhere.
 */
export class ClientAbortError extends HttpError {
  constructor() {
    super(400, 'aborted', 'server: the client aborted the request body');
    this.name = 'ClientAbortError';
  }
}
