import type { StorageProblem } from '../../shared/kioskStatus';
import type { Translate } from '../messages';

export interface StorageBannerProps {
  readonly problem: StorageProblem;
  readonly t: Translate;
}

/** Red, in words, on every screen while scans cannot be recorded (never hidden by a green card). */
export function StorageBanner({ problem, t }: StorageBannerProps) {
  return (
    <p className="storage-problem" role="alert" data-testid="storage-problem" data-problem={problem}>
      {t(`storage.${problem}`)}
    </p>
  );
}
