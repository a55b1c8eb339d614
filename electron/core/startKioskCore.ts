/**
 * The one way to start the kiosk core, for both shells (Electron's main process and the browser
 * kiosk host): open the kiosk, provision the admin PIN IT gave, start its background work, then
 * redeem the enrollment code IT gave (the scanners already work meanwhile).
 */
import type { KioskNotice } from '../../shared/kioskStatus';
import { Kiosk, type KioskOptions } from './Kiosk';
import { stderrLogger, type Logger } from './log';

export interface KioskCoreOptions extends KioskOptions {
  /** Admin PIN set on start when none is set yet (IT rollouts with the wizard skipped). */
  readonly adminPin?: string;
  /** Enrollment code redeemed on start when this kiosk is not enrolled yet, or enrolled with another code. */
  readonly enrollCode?: string;
  /** Do not wait for the enrollment (Electron: the window must not wait for a district that may be unreachable). */
  readonly enrollInBackground?: boolean;
}

/** Opens, provisions and starts the core. Provisioning that fails is logged; the kiosk still starts. */
export async function startKioskCore(options: KioskCoreOptions): Promise<Kiosk> {
  const logger = options.logger ?? stderrLogger;
  const kiosk = Kiosk.open(options);
  const { admin } = kiosk.parts;
  if (options.adminPin && !admin.isPinSet()) {
    try {
      admin.setPin(options.adminPin, undefined, 'it');
    } catch (error) {
      // A disk that cannot be written: the kiosk still starts and says so on screen.
      logger.error('kiosk.start', 'admin PIN not saved', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  kiosk.start();
  const enrolled = options.enrollCode ? enrollByFlag(kiosk, options.enrollCode, logger) : null;
  if (enrolled && !options.enrollInBackground) await enrolled;
  return kiosk;
}

/**
 * Enrollment by flags, for IT rolling out many kiosks. Offline start is fine: it retries next start.
 * A kiosk enrolled already enrolls again only with a code other than the one it used (a revoked or
 * moved kiosk restarted with the new code); what came of it is said on stderr and on the screen.
 */
function enrollByFlag(kiosk: Kiosk, code: string, logger: Logger): Promise<void> | null {
  const { enrollment, uploader } = kiosk.parts;
  if (!uploader.status().enrolled) {
    return enrollment.enroll(code).then(
      () => undefined,
      (error: unknown) =>
        logger.error('kiosk.start', 'enrollment failed; working offline', { error: messageOf(error) }),
    );
  }
  if (enrollment.enrolledWith(code)) return null;
  logger.info('kiosk.start', 'a new enrollment code was given: enrolling this kiosk again');
  const keptBefore = uploader.status().keptUnsentCount ?? 0;
  const tell = (notice: KioskNotice['code'], detail: string) => {
    try {
      enrollment.tellStaff(notice, detail);
    } catch (error) {
      // A disk that cannot be written: stderr has said it already.
      logger.error('kiosk.start', 'notice not saved', { error: messageOf(error) });
    }
  };
  return enrollment.enroll(code).then(
    (status) => {
      const kept = (status.keptUnsentCount ?? 0) - keptBefore;
      logger.info('kiosk.start', 'enrolled again with the new code', { keptUnsentScans: kept });
      tell('reenrolled', String(kept));
    },
    (error: unknown) => {
      logger.error('kiosk.start', 'the new enrollment code was not used; the kiosk keeps its enrollment', {
        error: messageOf(error),
      });
      tell('enroll-failed', '');
    },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
