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
import type { KioskParts } from './KioskParts';
import type { Logger } from './log';

type MethodInput<M extends KioskMethodName> = z.output<(typeof KIOSK_METHODS)[M]['input']>;

type Handlers = {
  readonly [M in KioskMethodName]: (
    parts: KioskParts,
    input: MethodInput<M>,
  ) => KioskMethodOutputs[M] | Promise<KioskMethodOutputs[M]>;
};

/** Each method's handler: one line into the part that does the work. Access was checked before it runs. */
const HANDLERS: Handlers = {
  getState: (parts) => parts.state.read(),
  submitScan: (parts, input) => parts.pipeline.submit(input),
  chooseDirection: (parts, input) => parts.pipeline.chooseDirection(input.direction),
  setScannerTest: (parts, input) => parts.pipeline.setScannerTest(input.on),
  setAdminPin: (parts, input) => parts.admin.setPin(input.newPin, input.currentPin),
  exitKiosk: (parts, input) => parts.admin.exit(input.pin),
  updateSettings: (parts, input) => parts.settings.updateFromPage(input),
  sendNow: (parts) => parts.uploader.sendNow(),
  enroll: (parts, input) => parts.enrollment.enroll(input.code, input.serverUrl, input.deviceName),
  setLanguage: (parts, input) => parts.settings.update({ language: input.language }),
  unlockAdmin: (parts, input) => parts.admin.unlock(input.pin),
  lockAdmin: (parts) => parts.admin.lock(),
  listScans: (parts, input) => parts.log.list(input.day, input.query, input.limit),
  exportScans: (parts, input) => parts.log.exportScans(input.day, input.contextLabel, input.sailingId),
  manifest: (parts, input) => parts.log.manifest(input.day, input.contextLabel, input.sailingId),
  undoLastScan: (parts) => parts.corrections.undo(),
  flipLastScan: (parts) => parts.corrections.flip(),
  insideNow: (parts) => parts.log.insideNow(),
  setCounterOptions: (parts, input) => parts.settings.update(input),
  purgeExpired: (parts) => parts.retention.purgeExpired(),
  recordManual: (parts, input) => parts.pipeline.recordManual(input),
  submitDeclaration: (parts, input) => parts.pipeline.submitDeclaration(input.answers),
  hourlyCounts: (parts) => parts.log.hourlyCounts(),
  venueQr: (parts) => parts.venueQr.render(),
  listSailings: (parts) => parts.sailings.list(),
  openSailing: (parts, input) => parts.sailings.open(input),
  pickSailing: (parts, input) => parts.sailings.pick(input.id),
  closeSailing: (parts, input) => parts.sailings.close(input.id),
  reopenSailing: (parts, input) => parts.sailings.reopen(input.id),
  guestList: (parts) => parts.guests.list(),
  setupOffline: (parts, input) => parts.handover.setupOffline(input.code, input.serverUrl, input.deviceName),
  exportToUsb: (parts) => parts.handover.exportScans(),
  scanReceipt: (parts, input) => parts.handover.scanReceipt(input.text),
};

/**
 * Runs one call from a transport against the kiosk's parts: an unknown method, an input its schema
 * refuses, or a caller without the method's access is answered with an error, never thrown.
 */
export async function dispatchKioskCall(
  parts: KioskParts,
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
  const handler = HANDLERS[method] as (parts: KioskParts, input: unknown) => unknown;
  try {
    parts.admin.requireAccess(typeof access === 'function' ? access(parsed.data) : access);
    return { ok: true, value: await handler(parts, parsed.data) };
  } catch (error) {
    if (error instanceof KioskMethodError) return { ok: false, error: { code: error.code, message: error.message } };
    logger.error('kiosk.dispatch', 'method failed', {
      method,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ok: false, error: { code: 'internal', message: `kiosk.dispatch: ${method} failed` } };
  }
}
