/**
 * The Electron shell: one composition root. The kiosk core runs in the main process: a scan is about
 * a millisecond of synchronous SQLite, the page lives in its own renderer process either way, and a
 * utilityProcess would add a second IPC hop and lifecycle for no gain at this load.
 * Each concern is a setup function called in order from `start()`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, session } from 'electron';
import type { ScanFileDestination } from './core/handover/UsbHandover';
import { exportDefaultPath } from './shell/removableDrives';
import { KIOSK_EVENTS, KIOSK_METHODS, type KioskMethodName } from '../shared/contract';
import { dispatchKioskCall } from './core/dispatchKioskCall';
import type { Kiosk } from './core/Kiosk';
import { startKioskCore } from './core/startKioskCore';
import { stderrLogger } from './core/log';
import { pageHeaders, readPageFile } from '../hosting/pagePolicy';
import {
  APP_ORIGIN,
  APP_SCHEME,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isTrustedSender,
  runShutdown,
  shouldBlockInput,
  singleIpcArgument,
} from './shell/securityPolicy';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(here, '..', 'dist', 'renderer');
const logger = stderrLogger;

let mainWindow: BrowserWindow | null = null;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

/** Serves the built page from app://kiosk/ with the page policy; nothing outside the page folder. */
function setupProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'kiosk' ? await readPageFile(RENDERER_DIR, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'Content-Type': file.contentType, ...pageHeaders() } });
  });
}

function setupSessionSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(decidePermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: app.isPackaged,
    fullscreen: app.isPackaged,
    autoHideMenuBar: true,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      devTools: !app.isPackaged,
      spellcheck: false,
      // Middle-click would open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input)) event.preventDefault();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('shell.renderer', 'page process gone; reloading', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
    if (!window.isDestroyed()) window.reload();
  });
  return window;
}

function setupIpc(kiosk: Kiosk): void {
  for (const method of Object.keys(KIOSK_METHODS) as KioskMethodName[]) {
    ipcMain.handle(KIOSK_METHODS[method].channel, async (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const sender = {
        webContentsId: event.sender.id,
        frameUrl: frame?.url ?? '',
        isTopFrame: frame !== null && frame !== undefined && frame.parent === null,
      };
      if (!isTrustedSender(sender, mainWindow?.webContents.id ?? null)) {
        logger.error('shell.ipc', 'call from an untrusted sender refused', { method });
        return { ok: false, error: { code: 'invalid-input', message: 'shell.ipc: sender refused' } };
      }
      const argument = singleIpcArgument(method, args);
      return argument.ok ? dispatchKioskCall(kiosk.parts, method, argument.value, logger) : argument;
    });
  }
  kiosk.subscribe((event) => {
    if (mainWindow && !mainWindow.isDestroyed())
      mainWindow.webContents.send(KIOSK_EVENTS[event.name].channel, event.payload);
  });
}

function setupShutdown(kiosk: Kiosk): void {
  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown) return;
    event.preventDefault();
    shuttingDown = true;
    // Kiosk.close stops the scanners, flushes the uploader, then closes the database, in that order.
    void runShutdown([['kiosk core', () => kiosk.close()]]).then((report) => {
      logger.info('shell.shutdown', report.join('; '));
      app.exit(0);
    });
  });
}

function setupAutostart(): void {
  // Windows: a login item. Linux: the package installs an XDG autostart entry (build/linux/).
  if (app.isPackaged && process.platform === 'win32') app.setLoginItemSettings({ openAtLogin: true });
}

/**
 * "Export to USB" in the shell: a save dialog opened on the first removable drive, named for what
 * the file holds; closing it writes nothing.
 */
const saveDialogDestination: ScanFileDestination = {
  async pathFor(fileName) {
    const options = {
      defaultPath: exportDefaultPath(fileName),
      filters: [{ name: 'Kiosk scans', extensions: ['kiosk-scans'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as (
        'createDirectory' | 'showOverwriteConfirmation'
      )[],
    };
    const chosen =
      mainWindow && !mainWindow.isDestroyed()
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  },
  written: (filePath) => Promise.resolve({ savedTo: filePath, downloadUrl: null }),
};

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const kiosk = await startKioskCore({
    dataDir: process.env.KIOSK_DATA_DIR ?? path.join(app.getPath('userData'), 'data'),
    serverUrl: process.env.KIOSK_SERVER_URL,
    // IT rollouts: given in the environment, never on the command line (visible in `ps`).
    adminPin: process.env.KIOSK_ADMIN_PIN,
    enrollCode: process.env.KIOSK_ENROLL_CODE,
    enrollInBackground: true,
    scanFileDestination: saveDialogDestination,
    logger,
    // The only way out of the kiosk: admin with the PIN. before-quit then shuts down in order.
    onExitRequested: () => app.quit(),
  });
  setupProtocol();
  setupSessionSecurity();
  setupIpc(kiosk);
  mainWindow = createWindow();
  setupShutdown(kiosk);
  setupAutostart();
  powerSaveBlocker.start('prevent-display-sleep');
  app.on('second-instance', () => mainWindow?.focus());
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

start().catch((error: unknown) => {
  logger.error('shell.start', 'could not start', { error: error instanceof Error ? error.message : String(error) });
  app.exit(1);
});
