/**
 * Browser kiosk host: the same core as the Electron shell, served to a browser on 127.0.0.1.
 * Serves the built renderer and carries KioskApi over a WebSocket guarded by a per-launch token,
 * the page's Origin and the Host header. The token itself is never printed nor put on a command
 * line (both are readable by every local user, `ps`): the printed URL and Chromium's `--app` carry
 * a one-use launch link (`#launch=`) that the page spends on its first WebSocket handshake, and
 * the host answers that socket's first message with the token (kept in the tab's storage).
 *
 * Usage: npm run kiosk:web -- [--data DIR] [--port N] [--no-open] [--venue-name NAME] [--skip-setup]
 *        [--server URL] [--enroll-file FILE] [--upload-interval SECONDS] [--admin-pin-file FILE]
 *        [--export-dir DIR]
 * "Export to USB" writes its sealed file into `--export-dir` when given (a mounted stick), else the
 * page downloads it once from the host (see `exportDownloads.ts`).
 * The admin PIN for IT rollouts: `--admin-pin-file FILE` or `KIOSK_ADMIN_PIN` (`--admin-pin PIN` still
 * works but shows in `ps`); the enrollment code likewise: `--enroll-file FILE` or `KIOSK_ENROLL_CODE`
 * (`--enroll CODE` still works, warned about).
 *
 * Why past 300 lines: the host is one program (its flags, the page, the guarded WebSocket, the
 * browser it opens); the policy it shares with the Electron shell is already in `hosting/`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SettingsPatch } from '../shared/kioskSettings';
import { HostCallSchema, hostAnswer, hostEvent, hostLaunched } from '../shared/hostMessages';
import { dispatchKioskCall } from './core/dispatchKioskCall';
import type { Kiosk } from './core/Kiosk';
import { startKioskCore } from './core/startKioskCore';
import { stderrLogger, type Logger } from './core/log';
import { pageHeaders, readPageFile } from '../hosting/pagePolicy';
import { exportDownloads, type ExportDownloads } from './exportDownloads';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `npm run build:renderer` writes the page. */
export const RENDERER_DIR = path.join(PROJECT_ROOT, 'dist', 'renderer');
export const DEFAULT_PORT = 8620;
export const DEFAULT_DATA_DIR = path.join(os.homedir(), '.entrance-kiosk');
/** Largest WebSocket message accepted, bytes. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface KioskHostOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly settingsOverride?: SettingsPatch;
  readonly logger?: Logger;
  readonly rendererDir?: string;
  /** District server base URL. */
  readonly serverUrl?: string;
  /** Enrollment code redeemed on start when this kiosk is not enrolled yet. */
  readonly enrollCode?: string;
  readonly uploadIntervalMs?: number;
  /** Called after a right admin PIN on `exitKiosk`. */
  readonly onExitRequested?: () => void;
  /** Admin PIN set on start when none is set yet (IT rollouts with --skip-setup). */
  readonly adminPin?: string;
  /** Launch token pages must show; random when absent. A host restarted with its token keeps its open pages. */
  readonly token?: string;
  /** Folder "Export to USB" writes to; absent: the page downloads the file from a one-time link. */
  readonly exportDir?: string;
}

export interface KioskHost {
  /** Page URL with a one-use launch link in its fragment (`#launch=`), safe to print: once spent it grants nothing. */
  readonly url: string;
  /** Another one-use launch link, for one more page. */
  newLaunchUrl(): string;
  readonly port: number;
  readonly kiosk: Kiosk;
  close(): Promise<void>;
}

/** Starts the core and the host; resolves when it listens. */
export async function startKioskHost(options: KioskHostOptions): Promise<KioskHost> {
  const logger = options.logger ?? stderrLogger;
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`web-host: no built page in ${rendererDir}; run "npm run build:renderer" first`);
  }
  const downloads = exportDownloads(options.exportDir, path.join(options.dataDir, 'exports-pending'));
  const kiosk = await startKioskCore({
    scanFileDestination: downloads.destination,
    dataDir: options.dataDir,
    logger,
    settingsOverride: options.settingsOverride,
    serverUrl: options.serverUrl,
    uploadIntervalMs: options.uploadIntervalMs,
    onExitRequested: options.onExitRequested,
    adminPin: options.adminPin,
    enrollCode: options.enrollCode,
  });
  const token = options.token ?? randomBytes(24).toString('base64url');
  /** Launch links not spent yet; each admits one WebSocket handshake, which is then told the token. */
  const launches = new Set<string>();
  /** Filled once the port is known: the page's own origins, for Origin and Host checks. */
  const allowedOrigins = new Set<string>();
  const server = createServer((request, response) => {
    servePage(rendererDir, request, response, allowedOrigins, downloads).catch((error: unknown) => {
      logger.error('web-host.page', 'page request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // A broken request (bad headers, a reset) is answered or dropped by node:http; it never stops the host.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request, socket, head) => {
    const admitted = admitUpgrade(request, token, launches, allowedOrigins);
    if (admitted === 'refused') {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // A page that came by a launch link learns the token here, before any event, to reconnect with.
      if (admitted === 'launch') ws.send(hostLaunched(token));
      sockets.emit('connection', ws);
    });
  });

  const unsubscribe = kiosk.subscribe((event) => {
    const message = hostEvent(event);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void ws.send(hostAnswer(null, invalid('binary messages are not accepted')));
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return void ws.send(hostAnswer(null, invalid('message is not JSON')));
      }
      const call = HostCallSchema.safeParse(message);
      if (!call.success) {
        const id = (message as { id?: unknown } | null)?.id;
        return void ws.send(
          hostAnswer(
            typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null,
            invalid('message is not a call'),
          ),
        );
      }
      void dispatchKioskCall(kiosk.parts, call.data.method, call.data.input, logger).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(hostAnswer(call.data.id, result));
      });
    });
    ws.on('error', (error) => logger.error('web-host.socket', 'socket error', { error: error.message }));
  });

  const port = await listen(server, options.port);
  allowedOrigins.add(`http://127.0.0.1:${port}`).add(`http://localhost:${port}`);
  const newLaunchUrl = () => {
    const launch = randomBytes(24).toString('base64url');
    launches.add(launch);
    return `http://127.0.0.1:${port}/#launch=${launch}`;
  };
  const url = newLaunchUrl();

  let closed = false;
  return {
    url,
    newLaunchUrl,
    port,
    kiosk,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await kiosk.close();
      downloads.close();
    },
  };
}

function invalid(message: string) {
  return { ok: false, error: { code: 'invalid-input', message: `web-host: ${message}` } } as const;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a WebSocket handshake may open: with the token, or with an unspent launch link (spent
 * here, so a link read from `ps` or a log after the page used it grants nothing).
 */
function admitUpgrade(
  request: IncomingMessage,
  token: string,
  launches: Set<string>,
  allowedOrigins: ReadonlySet<string>,
): 'token' | 'launch' | 'refused' {
  // A request line that is no URL at all is refused like any other stranger, never thrown.
  if (!URL.canParse(request.url ?? '/', 'http://127.0.0.1')) return 'refused';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/ws') return 'refused';
  if (!allowedOrigins.has(request.headers.origin ?? '')) return 'refused';
  // A Host other than our own loopback name is a DNS-rebinding attempt.
  if (!allowedOrigins.has(`http://${request.headers.host ?? ''}`)) return 'refused';
  if (tokensEqual(url.searchParams.get('token') ?? '', token)) return 'token';
  const launch = url.searchParams.get('launch') ?? '';
  if (launch !== '' && launches.delete(launch)) return 'launch';
  return 'refused';
}

/** Answers a page request: only the built files, only for our own Host, never a crash. */
async function servePage(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
  downloads: ExportDownloads,
): Promise<void> {
  // A Host other than our own loopback name is a DNS-rebinding attempt.
  const host = request.headers.host ?? '';
  if (!allowedOrigins.has(`http://${host}`)) {
    response.writeHead(421).end();
    return;
  }
  if (downloads.serve(request, response)) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = await readPageFile(root, request.url ?? '/');
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  response.writeHead(200, { 'Content-Type': file.contentType, ...pageHeaders(`ws://${host}`) });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/** Finds a Chromium or Chrome to open the page in app mode; null when none is installed. */
function findBrowser(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    if (found.status === 0) return found.stdout.trim();
  }
  return null;
}

function openInBrowser(url: string, dataDir: string, logger: Logger): ChildProcess | null {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    logger.info('web-host.open', 'no display: open the printed URL in a browser');
    return null;
  }
  const browser = findBrowser();
  if (!browser) {
    logger.info('web-host.open', 'no Chromium or Chrome found: open the printed URL in a browser');
    return null;
  }
  const args = [
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, 'browser-profile')}`,
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (process.env.KIOSK_FULLSCREEN === '1') args.push('--kiosk');
  const child = spawn(browser, args, { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/** How a secret given at start is named: its flag, its file flag and its environment variable. */
export interface StartSecretNames {
  readonly flag: string;
  readonly fileFlag: string;
  readonly env: string;
}

/**
 * A secret given to the host at start (the admin PIN, the enrollment code): from a file, else a
 * flag (visible to every user in `ps`, so warned about), else the environment.
 */
export function startSecretOf(
  names: StartSecretNames,
  given: { readonly flag?: string; readonly file?: string; readonly env?: string },
  warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): string | undefined {
  if (given.file) return readFileSync(given.file, 'utf8').trim();
  if (given.flag) {
    warn(`web-host: ${names.flag} is visible to every user in \`ps\`; use ${names.fileFlag} or ${names.env}`);
    return given.flag;
  }
  return given.env || undefined;
}

const ADMIN_PIN: StartSecretNames = { flag: '--admin-pin', fileFlag: '--admin-pin-file', env: 'KIOSK_ADMIN_PIN' };
const ENROLL_CODE: StartSecretNames = { flag: '--enroll', fileFlag: '--enroll-file', env: 'KIOSK_ENROLL_CODE' };

export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      'venue-name': { type: 'string' },
      'skip-setup': { type: 'boolean' },
      'admin-pin': { type: 'string' },
      'admin-pin-file': { type: 'string' },
      server: { type: 'string' },
      enroll: { type: 'string' },
      'enroll-file': { type: 'string' },
      'upload-interval': { type: 'string' },
      'export-dir': { type: 'string' },
    },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`web-host: --port must be 0-65535, got ${values.port}`);
  const dataDir = path.resolve(values.data ?? process.env.KIOSK_DATA_DIR ?? DEFAULT_DATA_DIR);
  // --skip-setup: for IT rolling out kiosks configured by flags (the wizard is for a venue owner).
  const settingsOverride: SettingsPatch = {
    ...(values['venue-name'] ? { venueName: values['venue-name'] } : {}),
    ...(values['skip-setup'] ? { setupDone: true } : {}),
  };
  const uploadSeconds = values['upload-interval'] === undefined ? 180 : Number(values['upload-interval']);
  if (!(uploadSeconds > 0)) throw new Error(`web-host: --upload-interval must be a positive number of seconds`);
  let browser: ChildProcess | null = null;
  const stop = () => {
    browser?.kill();
    void host.close().then(() => process.exit(0));
  };
  const host = await startKioskHost({
    dataDir,
    port,
    settingsOverride,
    serverUrl: values.server,
    enrollCode: startSecretOf(ENROLL_CODE, {
      flag: values.enroll,
      file: values['enroll-file'],
      env: process.env.KIOSK_ENROLL_CODE,
    }),
    adminPin: startSecretOf(ADMIN_PIN, {
      flag: values['admin-pin'],
      file: values['admin-pin-file'],
      env: process.env.KIOSK_ADMIN_PIN,
    }),
    uploadIntervalMs: uploadSeconds * 1000,
    exportDir: values['export-dir'] ? path.resolve(values['export-dir']) : undefined,
    // Leaving the kiosk with the admin PIN: close the browser it opened, then stop in order.
    onExitRequested: () => setImmediate(stop),
  });
  process.stdout.write(`kiosk ready: ${host.url}\n`);
  if (!values['no-open']) browser = openInBrowser(host.url, dataDir, stderrLogger);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
