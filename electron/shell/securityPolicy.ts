/**
 * The Electron shell's security decisions as plain functions, so they are unit-tested without the
 * Electron runtime (which cannot be downloaded where this project is built). main.ts wires them in.
 */
import { isKioskMethodName, KIOSK_METHODS, type KioskMethodName, type Result } from '../../shared/contract';

/** The page is served from this origin by the app's own protocol handler. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

/** Navigation is allowed only within the app's own pages. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'kiosk';
  } catch {
    return false;
  }
}

/** Every permission request (camera, notifications, geolocation, HID from the page...) is denied. */
export function decidePermission(_permission: string): false {
  return false;
}

/** `window.open` and target=_blank never open anything. */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** What the IPC handler knows of the sender. */
export interface SenderInfo {
  /** webContents id of the sender. */
  readonly webContentsId: number;
  /** URL of the sending frame. */
  readonly frameUrl: string;
  /** True when the sending frame is its page's top frame (not an iframe). */
  readonly isTopFrame: boolean;
}

/** True only for the app's own window's top frame showing the app's own page. */
export function isTrustedSender(sender: SenderInfo, mainWebContentsId: number | null): boolean {
  return (
    mainWebContentsId !== null &&
    sender.webContentsId === mainWebContentsId &&
    sender.isTopFrame &&
    isAllowedNavigation(sender.frameUrl)
  );
}

/** Maps an IPC channel back to its method, or null for channels that are not ours. */
export function methodOfChannel(channel: string): KioskMethodName | null {
  for (const name of Object.keys(KIOSK_METHODS)) {
    if (isKioskMethodName(name) && KIOSK_METHODS[name].channel === channel) return name;
  }
  return null;
}

/**
 * An IPC call carries exactly one argument (the method's input object); the core's dispatcher then
 * parses it with the contract's schema. Anything else is refused before it reaches the core.
 */
export function singleIpcArgument(method: KioskMethodName, args: readonly unknown[]): Result<unknown> {
  return args.length === 1
    ? { ok: true, value: args[0] }
    : {
        ok: false,
        error: { code: 'invalid-input', message: `shell.ipc: ${method} takes one argument, got ${args.length}` },
      };
}

/** What `before-input-event` gives of a key press. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

/**
 * Shortcuts that would leave or break the kiosk: close, quit, reload, devtools, new windows,
 * full-screen toggle, zoom, print, find. Typing and scanning keys pass.
 */
export function shouldBlockInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (['f1', 'f3', 'f5', 'f7', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key))
    return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  const command = input.control || input.meta;
  if (
    command &&
    ['w', 'q', 'r', 'n', 't', 'p', 'f', 'g', 'h', 'j', 'o', 's', 'u', 'l', 'm', 'e', '+', '-', '=', '0'].includes(key)
  )
    return true;
  if (command && input.shift && ['i', 'j', 'c', 'delete', 'n', 't', 'w'].includes(key)) return true;
  return false;
}

/** One shutdown step and its name (for the log). */
export type ShutdownStep = readonly [name: string, run: () => Promise<void> | void];

/**
 * Runs shutdown steps in order (scanners stop, uploader flushes, database closes), each bounded
 * by `stepTimeoutMs`, and never lets one failing step skip the next. Returns what happened.
 */
export async function runShutdown(steps: readonly ShutdownStep[], stepTimeoutMs = 5000): Promise<string[]> {
  const report: string[] = [];
  for (const [name, run] of steps) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stepTimeoutMs);
      });
      const outcome = await Promise.race([Promise.resolve(run()).then(() => 'done' as const), timeout]);
      report.push(`${name}: ${outcome}`);
    } catch (error) {
      report.push(`${name}: failed (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      clearTimeout(timer);
    }
  }
  return report;
}
