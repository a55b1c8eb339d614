/** Chooses the screen: the setup wizard on first run, admin when opened, otherwise the scan screen. */
import { useState } from 'react';
import type { KioskConnection } from './kioskClient';
import { AdminScreen } from './screens/AdminScreen';
import { ScanScreen } from './screens/ScanScreen';
import { SetupWizard } from './screens/SetupWizard';
import { useKiosk } from './useKiosk';

export function App({ connection }: { readonly connection: KioskConnection }) {
  const view = useKiosk(connection);
  const [adminOpen, setAdminOpen] = useState(false);
  if (view.state && !view.state.settings.setupDone) return <SetupWizard connection={connection} view={view} />;
  if (adminOpen) return <AdminScreen connection={connection} view={view} onClose={() => setAdminOpen(false)} />;
  return <ScanScreen connection={connection} view={view} onOpenAdmin={() => setAdminOpen(true)} />;
}
