/**
 * The one way to start the kiosk core, for both shells (Electron's main process and the browser
 * kiosk host): open the kiosk, provision the admin PIN IT gave, start its background work, then
 * redeem the enrollment code IT gave (the scanners already work meanwhile).
 */
import { Kiosk, type KioskOptions } from './Kiosk';
import { stderrLogger } from './log';

export interface KioskCoreOptions extends KioskOptions {
  /** Admin PIN set on start when none is set yet (IT rollouts with the wizard skipped). */
  readonly adminPin?: string;
  /** Enrollment code redeemed on start when this kiosk is not enrolled yet. */
  readonly enrollCode?: string;
  /** Do not wait for the enrollment (Electron: the window must not wait for a district that may be unreachable). */
  readonly enrollInBackground?: boolean;
}

/** Opens, provisions and starts the core. Provisioning that fails is logged; the kiosk still starts. */
export async function startKioskCore(options: KioskCoreOptions): Promise<Kiosk> {
  const logger = options.logger ?? stderrLogger;
  const kiosk = Kiosk.open(options);
  const { admin, enrollment } = kiosk.parts;
  if (options.adminPin && !admin.isPinSet()) {
    try {
      admin.setPin(options.adminPin);
    } catch (error) {
      // A disk that cannot be written: the kiosk still starts and says so on screen.
      logger.error('kiosk.start', 'admin PIN not saved', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  kiosk.start();
  if (options.enrollCode && !kiosk.parts.uploader.status().enrolled) {
    // Enrollment by flags, for IT rolling out many kiosks. Offline start is fine: it retries next start.
    const enrolled = enrollment.enroll(options.enrollCode).catch((error: unknown) => {
      logger.error('kiosk.start', 'enrollment failed; working offline', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    if (!options.enrollInBackground) await enrolled;
  }
  return kiosk;
}
