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
