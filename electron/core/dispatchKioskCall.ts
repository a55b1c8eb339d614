/**
 * The one door from a transport (Electron IPC or the browser host's WebSocket) into the core:
 * checks the method name, parses the input with the contract's schema, enforces the method's
 * access level (declared in the contract's table), runs its handler, answers a Result.
 */
import type { z } from 'zod';
import {
  isKioskMethodName,
  KIOSK_METHODS,
  KioskMethodError,
  type KioskAccess,
  type KioskMethodName,
  type KioskMethodOutputs,
  type Result,
} from '../../shared/contract';
import type { Kiosk } from './Kiosk';
import type { Logger } from './log';
import { renderVenueQr } from './venueQr';

type MethodInput<M extends KioskMethodName> = z.output<(typeof KIOSK_METHODS)[M]['input']>;

type Handlers = {
  readonly [M in KioskMethodName]: (
    kiosk: Kiosk,
    input: MethodInput<M>,
  ) => KioskMethodOutputs[M] | Promise<KioskMethodOutputs[M]>;
};

/** Each method's handler: one line into the core. Access was checked before it runs. */
const HANDLERS: Handlers = {
  getState: (kiosk) => kiosk.getState(),
  submitScan: (kiosk, input) => kiosk.submitScan(input),
  chooseDirection: (kiosk, input) => kiosk.chooseDirection(input.direction),
  setScannerTest: (kiosk, input) => kiosk.setScannerTest(input.on),
  setAdminPin: (kiosk, input) => kiosk.setAdminPin(input.newPin, input.currentPin),
  exitKiosk: (kiosk, input) => kiosk.exitKiosk(input.pin),
  updateSettings: (kiosk, input) => kiosk.updateSettingsFromPage(input),
  sendNow: (kiosk) => kiosk.sendNow(),
  enroll: (kiosk, input) => kiosk.enroll(input.code, input.serverUrl),
  setLanguage: (kiosk, input) => kiosk.setLanguage(input.language),
  unlockAdmin: (kiosk, input) => kiosk.unlockAdmin(input.pin),
  lockAdmin: (kiosk) => kiosk.lockAdmin(),
  listScans: (kiosk, input) => kiosk.listScans(input.day, input.query, input.limit),
  exportScans: (kiosk, input) => kiosk.exportScans(input.day, input.contextLabel),
  manifest: (kiosk, input) => kiosk.manifest(input.day, input.contextLabel),
  undoLastScan: (kiosk) => kiosk.undoLastScan(),
  flipLastScan: (kiosk) => kiosk.flipLastScan(),
  insideNow: (kiosk) => kiosk.insideNow(),
  setCounterOptions: (kiosk, input) => kiosk.setCounterOptions(input),
  purgeExpired: (kiosk) => kiosk.purgeExpired(),
  recordManual: (kiosk, input) => kiosk.recordManual(input),
  submitDeclaration: (kiosk, input) => kiosk.submitDeclaration(input.answers),
  hourlyCounts: (kiosk) => kiosk.hourlyCounts(),
  venueQr: async (kiosk) => {
    const text = kiosk.getSettings().venueQrText;
    const venueCode = kiosk.districtVenueCode();
    return text ? renderVenueQr(text) : venueCode ? { ...(await renderVenueQr(venueCode)), fromDistrict: true } : null;
  },
};

/** Throws `admin-locked` unless the caller has `access`. */
function requireAccess(kiosk: Kiosk, access: KioskAccess): void {
  switch (access) {
    case 'visitor':
      return;
    case 'counter':
      return kiosk.requireCounterOrAdmin();
    case 'admin':
      return kiosk.requireAdmin();
    default: {
      const exhaustive: never = access;
      throw new Error(`kiosk.dispatch: unknown access ${String(exhaustive)}`);
    }
  }
}

export async function dispatchKioskCall(
  kiosk: Kiosk,
  method: unknown,
  input: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isKioskMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: 'kiosk.dispatch: unknown method' } };
  }
  const spec = KIOSK_METHODS[method];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(input)').join(', ');
    return { ok: false, error: { code: 'invalid-input', message: `kiosk.dispatch: ${method}: invalid ${where}` } };
  }
  // TypeScript cannot correlate `method` with `parsed.data`; the tables are typed per method.
  const access = spec.access as KioskAccess | ((input: unknown) => KioskAccess);
  const handler = HANDLERS[method] as (kiosk: Kiosk, input: unknown) => unknown;
  try {
    requireAccess(kiosk, typeof access === 'function' ? access(parsed.data) : access);
    return { ok: true, value: await handler(kiosk, parsed.data) };
  } catch (error) {
    if (error instanceof KioskMethodError) return { ok: false, error: { code: error.code, message: error.message } };
    logger.error('kiosk.dispatch', 'method failed', {
      method,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ok: false, error: { code: 'internal', message: `kiosk.dispatch: ${method} failed` } };
  }
}
