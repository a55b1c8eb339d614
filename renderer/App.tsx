/** Chooses the screen: the setup wizard on first run, admin when opened, otherwise the scan screen. */
import { useState, type ReactElement } from 'react';
import type { Manifest } from '../shared/kioskScans';
import { LaunchLinkNeeded } from './components/LaunchLinkNeeded';
import { StorageBanner } from './components/StorageBanner';
import type { KioskConnection } from './kioskClient';
import { AdminScreen } from './screens/AdminScreen';
import { ManifestScreen } from './screens/ManifestScreen';
import { PosterScreen } from './screens/PosterScreen';
import { ScanScreen } from './screens/ScanScreen';
import { SetupWizard } from './screens/SetupWizard';
import { useKiosk } from './useKiosk';

export function App({ connection }: { readonly connection: KioskConnection }) {
  const view = useKiosk(connection);
  const [screen, setScreen] = useState<'scan' | 'admin' | 'poster'>('scan');
  /** The printable list shown over the screen it was opened from, and which one. */
  const [manifest, setManifest] = useState<{ readonly contextLabel?: string; readonly made?: Manifest } | null>(null);
  /** A port's sailing's manifest over the screen it was opened from; `justClosed` after closing boarding. */
  const [sailingList, setSailingList] = useState<{ readonly sailingId: string; readonly justClosed: boolean } | null>(
    null,
  );
  const openSailingManifest = (sailingId: string, justClosed: boolean) => setSailingList({ sailingId, justClosed });
  const problem = view.state?.storageProblem;
  // The scan screen shows the storage banner in its own layout; the others get it on top.
  const withBanner = (page: ReactElement) =>
    problem ? (
      <div className="with-storage-banner">
        <StorageBanner problem={problem} t={view.t} />
        {page}
      </div>
    ) : (
      page
    );
  // Before any state: a page the host will not let in says what to do, in both languages (it cannot
  // know the kiosk's), instead of staying blank.
  if (view.admission && !view.state) return <LaunchLinkNeeded problem={view.admission} />;
  if (view.state && !view.state.settings.setupDone)
    return withBanner(<SetupWizard connection={connection} view={view} />);
  if (sailingList)
    return withBanner(
      <ManifestScreen
        key={sailingList.sailingId}
        connection={connection}
        view={view}
        sailingId={sailingList.sailingId}
        justClosed={sailingList.justClosed}
        onClose={() => setSailingList(null)}
      />,
    );
  if (manifest)
    return withBanner(
      <ManifestScreen
        connection={connection}
        view={view}
        contextLabel={manifest.contextLabel}
        made={manifest.made}
        onClose={() => setManifest(null)}
      />,
    );
  const openManifest = (contextLabel?: string, made?: Manifest) => setManifest({ contextLabel, made });
  // The poster is an admin tool: it closes when admin locks.
  if (screen === 'poster' && view.state?.adminUnlocked)
    return <PosterScreen connection={connection} view={view} onClose={() => setScreen('admin')} />;
  if (screen !== 'scan')
    return withBanner(
      <AdminScreen
        connection={connection}
        view={view}
        onClose={() => setScreen('scan')}
        onOpenPoster={() => setScreen('poster')}
        onOpenManifest={openManifest}
        onOpenSailingManifest={openSailingManifest}
      />,
    );
  return (
    <ScanScreen
      connection={connection}
      view={view}
      onOpenAdmin={() => setScreen('admin')}
      onOpenManifest={openManifest}
      onOpenSailingManifest={openSailingManifest}
    />
  );
}
