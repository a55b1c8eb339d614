import type { AdmissionProblem } from '../kioskClient';
import { translator } from '../messages';

export interface LaunchLinkNeededProps {
  readonly problem: AdmissionProblem;
}

const vi = translator('vi');
const en = translator('en');

/**
 * The page the host will not let in (opened without the launch link the host prints at start, or with
 * one already used): what to do, in Vietnamese then English, since the kiosk's language is not known yet.
 */
export function LaunchLinkNeeded({ problem }: LaunchLinkNeededProps) {
  return (
    <main className="launch-link-needed" data-testid="launch-link-needed" data-problem={problem}>
      {[vi, en].map((t, index) => (
        <section key={index} lang={index === 0 ? 'vi' : 'en'}>
          <h1>{t(`launch.${problem}`)}</h1>
          <p>{t('launch.what-to-do')}</p>
          <p>
            <code>kiosk ready: http://127.0.0.1:8620/#launch=…</code>
          </p>
          <p>{t('launch.restart')}</p>
        </section>
      ))}
    </main>
  );
}
