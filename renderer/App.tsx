/** Chooses the screen: the setup wizard on first run, admin when opened, otherwise the scan screen. */
import { useState, type ReactElement } from 'react';
import { StorageBanner } from './components/StorageBanner';
import type { KioskConnection } from './kioskClient';
import { AdminScreen } from './screens/AdminScreen';
import { PosterScreen } from './screens/PosterScreen';
import { ScanScreen } from './screens/ScanScreen';
import { SetupWizard } from './screens/SetupWizard';
import { useKiosk } from './useKiosk';

export function App({ connection }: { readonly connection: KioskConnection }) {
  const view = useKiosk(connection);
  const [screen, setScreen] = useState<'scan' | 'admin' | 'poster'>('scan');
  const problem = view.state?.storageProblem;
  // The scan screen shows the storage banner in its own layout; the others get it on top.
  const withBanner = (page: ReactElement) => (problem ? <div className="with-storage-banner"><StorageBanner problem={problem} t={view.t} />{page}</div> : page);
  if (view.state && !view.state.settings.setupDone) return withBanner(<SetupWizard connection={connection} view={view} />);
  // The poster is an admin tool: it closes when admin locks.
  if (screen === 'poster' && view.state?.adminUnlocked) return <PosterScreen connection={connection} view={view} onClose={() => setScreen('admin')} />;
  if (screen !== 'scan') return withBanner(<AdminScreen connection={connection} view={view} onClose={() => setScreen('scan')} onOpenPoster={() => setScreen('poster')} />);
  return <ScanScreen connection={connection} view={view} onOpenAdmin={() => setScreen('admin')} />;
}
