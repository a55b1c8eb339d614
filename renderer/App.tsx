/** Chooses the screen: the setup wizard on first run, admin when opened, otherwise the scan screen. */
import { useState } from 'react';
import type { KioskConnection } from './kioskClient';
import { AdminScreen } from './screens/AdminScreen';
import { PosterScreen } from './screens/PosterScreen';
import { ScanScreen } from './screens/ScanScreen';
import { SetupWizard } from './screens/SetupWizard';
import { useKiosk } from './useKiosk';

export function App({ connection }: { readonly connection: KioskConnection }) {
  const view = useKiosk(connection);
  const [screen, setScreen] = useState<'scan' | 'admin' | 'poster'>('scan');
  if (view.state && !view.state.settings.setupDone) return <SetupWizard connection={connection} view={view} />;
  // The poster is an admin tool: it closes when admin locks.
  if (screen === 'poster' && view.state?.adminUnlocked) return <PosterScreen connection={connection} view={view} onClose={() => setScreen('admin')} />;
  if (screen !== 'scan') return <AdminScreen connection={connection} view={view} onClose={() => setScreen('scan')} onOpenPoster={() => setScreen('poster')} />;
  return <ScanScreen connection={connection} view={view} onOpenAdmin={() => setScreen('admin')} />;
}
