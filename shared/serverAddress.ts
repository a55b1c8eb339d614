/**
 * A district server's address as a person types it (server flag, the console's first-run page, the
 * kiosk's setup wizard), made the base URL kiosks call. People type what the sheet or the IT officer
 * says, often without a scheme (`192.168.1.10:8610`): a bare host is taken as `http://` (a LAN
 * server without TLS is the common case; an https server is typed with its scheme, as its proxy's
 * address is given). A trailing slash is dropped so paths join cleanly.
 */
import { z } from 'zod';

/** Longest base URL accepted (it goes into a QR with the code). */
export const MAX_SERVER_ADDRESS_LENGTH = 300;

/** Host (a name, IPv4 or bracketed IPv6), optional port, optional path: what a kiosk's base URL may hold. */
const BASE_URL = /^(https?):\/\/([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(\/[^?#\s]*)?$/i;

/**
 * The base URL for a typed address (`http://…` or `https://…`, no trailing slash), or null when it is
 * none. Parsed by hand: `shared/` has neither the DOM's nor Node's `URL` in its types. Credentials,
 * a query or a fragment would be carried into every kiosk call, so they make it no address.
 */
export function serverBaseUrl(typed: string): string | null {
  const text = typed.trim();
  if (!text || text.length > MAX_SERVER_ADDRESS_LENGTH || /\s/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  const match = BASE_URL.exec(withScheme);
  if (!match) return null;
  const [, scheme, host, port, path] = match;
  if (port !== undefined && Number(port) > 65_535) return null;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const portPart = port === undefined || String(Number(port)) === defaultPort ? '' : `:${Number(port)}`;
  return `${scheme.toLowerCase()}://${host.toLowerCase()}${portPart}${(path ?? '').replace(/\/+$/, '')}`;
}

/** An address typed for kiosks to reach the server; a bare host (`192.168.1.10:8700`) becomes `http://…`. */
export const ServerAddressSchema = z
  .string()
  .max(MAX_SERVER_ADDRESS_LENGTH)
  .transform((typed, context) => {
    const url = serverBaseUrl(typed);
    if (url === null) context.addIssue({ code: 'custom', message: 'not a server address (http:// or https://)' });
    return url ?? z.NEVER;
  });
