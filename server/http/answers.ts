/** What a handler answers, and how it goes on the wire. Handlers return values; only `sendAnswer` writes. */
import type { ServerResponse } from 'node:http';

export type Answer =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'csv'; readonly text: string; readonly headers?: Readonly<Record<string, string>> }
  /** A console page file, with its own content type and page headers. */
  | { readonly kind: 'file'; readonly body: Buffer; readonly headers: Readonly<Record<string, string>> };

export function jsonAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Answer {
  return { kind: 'json', status, body, headers };
}

/** A CSV download (UTF-8 with a byte order mark, so spreadsheets show Vietnamese right). */
export function csvAnswer(text: string, headers: Readonly<Record<string, string>> = {}): Answer {
  return { kind: 'csv', text, headers };
}

export function sendAnswer(response: ServerResponse, answer: Answer): void {
  switch (answer.kind) {
    case 'json':
      response.writeHead(answer.status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...answer.headers,
      });
      response.end(JSON.stringify(answer.body));
      return;
    case 'csv':
      response.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="export.csv"',
        'Cache-Control': 'no-store',
        ...answer.headers,
      });
      response.end(`\uFEFF${answer.text}`);
      return;
    case 'file':
      response.writeHead(200, answer.headers);
      response.end(answer.body);
      return;
    default: {
      const never: never = answer;
      throw new Error(`server.http: unknown answer ${String(never)}`);
    }
  }
}
