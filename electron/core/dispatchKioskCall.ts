/**
 * The one door from a transport (Electron IPC or the browser host's WebSocket) into the core:
 * checks the method name, parses the input with the contract's schema, answers a Result.
 */
import type { z } from 'zod';
import { isKioskMethodName, KIOSK_METHODS, KioskMethodError, type KioskMethodName, type KioskMethodOutputs, type Result } from '../../shared/contract';
import type { Kiosk } from './Kiosk';
import type { Logger } from './log';
import { renderVenueQr } from './venueQr';

type Handlers = {
  readonly [M in KioskMethodName]: (kiosk: Kiosk, input: z.output<(typeof KIOSK_METHODS)[M]['input']>) => KioskMethodOutputs[M] | Promise<KioskMethodOutputs[M]>;
};

const HANDLERS: Handlers = {
  getState: (kiosk) => kiosk.getState(),
  submitScan: (kiosk, input) => kiosk.submitScan(input),
  chooseDirection: (kiosk, input) => kiosk.chooseDirection(input.direction),
  setScannerTest: (kiosk, input) => kiosk.setScannerTest(input.on),
  setAdminPin: (kiosk, input) => kiosk.setAdminPin(input.newPin, input.currentPin),
  exitKiosk: (kiosk, input) => kiosk.exitKiosk(input.pin),
  updateSettings: (kiosk, input) => kiosk.updateSettingsAsAdmin(input),
  sendNow: (kiosk) => kiosk.sendNow(),
  enroll: (kiosk, input) => {
    kiosk.requireAdmin();
    return kiosk.enroll(input.code, input.serverUrl);
  },
  setLanguage: (kiosk, input) => kiosk.setLanguage(input.language),
  unlockAdmin: (kiosk, input) => kiosk.unlockAdmin(input.pin),
  lockAdmin: (kiosk) => kiosk.lockAdmin(),
  listScans: (kiosk, input) => kiosk.listScans(input.day, input.query, input.limit),
  exportCsv: (kiosk, input) => kiosk.exportCsv(input.day, input.contextLabel),
  insideNow: (kiosk) => kiosk.insideNow(),
  setCounterOptions: (kiosk, input) => kiosk.setCounterOptions(input),
  purgeExpired: (kiosk) => kiosk.purgeExpired(),
  recordManual: (kiosk, input) => kiosk.recordManual(input),
  submitDeclaration: (kiosk, input) => kiosk.submitDeclaration(input.answers),
  hourlyCounts: (kiosk) => kiosk.hourlyCounts(),
  venueQr: (kiosk) => {
    const text = kiosk.getSettings().venueQrText;
    return text ? renderVenueQr(text) : null;
  },
};

export async function dispatchKioskCall(kiosk: Kiosk, method: unknown, input: unknown, logger: Logger): Promise<Result<unknown>> {
  if (!isKioskMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: 'kiosk.dispatch: unknown method' } };
  }
  const parsed = KIOSK_METHODS[method].input.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(input)').join(', ');
    return { ok: false, error: { code: 'invalid-input', message: `kiosk.dispatch: ${method}: invalid ${where}` } };
  }
  // TypeScript cannot correlate `method` with `parsed.data`; the table above is typed per method.
  const handler = HANDLERS[method] as (kiosk: Kiosk, input: unknown) => unknown;
  try {
    return { ok: true, value: await handler(kiosk, parsed.data) };
  } catch (error) {
    if (error instanceof KioskMethodError) return { ok: false, error: { code: error.code, message: error.message } };
    logger.error('kiosk.dispatch', 'method failed', { method, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: { code: 'internal', message: `kiosk.dispatch: ${method} failed` } };
  }
}
