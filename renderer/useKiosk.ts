/**
 * The one place the screens get the kiosk's state from: fetched on start, refreshed on every core
 * event, and the last scan result (from `scan-handled` events, whatever the scanner).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScanResult } from '../shared/kioskScans';
import type { KioskState } from '../shared/kioskStatus';
import type { UsbExportProgress } from '../shared/handover';
import { playOutcomeSound } from './feedbackSound';
import type { AdmissionProblem, KioskConnection } from './kioskClient';
import { translator, type Translate } from './messages';

/** Quiet time after the last scan before the page fetches the whole state again, ms. */
export const STATE_REFRESH_AFTER_SCAN_MS = 250;

export interface KioskView {
  readonly state: KioskState | null;
  readonly connected: boolean;
  /** The host will not let this page in (opened without its launch link, or with a spent one); null when it may. */
  readonly admission: AdmissionProblem | null;
  readonly result: ScanResult | null;
  /** Increments with every result shown. */
  readonly resultSerial: number;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  readonly refresh: () => Promise<void>;
  readonly clearResult: () => void;
  /** The last progress of a USB export (null before any). */
  readonly exportProgress: UsbExportProgress | null;
}

export function useKiosk(connection: KioskConnection): KioskView {
  const [state, setState] = useState<KioskState | null>(null);
  const [result, setResult] = useState<ScanResult | null>(null);
  const [resultSerial, setResultSerial] = useState(0);
  const [connected, setConnected] = useState(true);
  const [admission, setAdmission] = useState<AdmissionProblem | null>(null);
  const [exportProgress, setExportProgress] = useState<UsbExportProgress | null>(null);
  const language = state?.settings.language ?? 'vi';
  // Read by the event handler, which is set up once.
  const volume = useRef(70);
  volume.current = state?.settings.soundVolume ?? 70;
  // Finishing setup leaves the wizard's test card behind: the scan screen starts idle.
  const setupDone = state?.settings.setupDone === true;
  useEffect(() => {
    if (setupDone) setResult(null);
  }, [setupDone]);
  const t = useMemo(() => translator(language), [language]);
  const formatTime = useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    return (iso: string) => format.format(new Date(iso));
  }, [language]);

  const refresh = useCallback(async () => {
    const answer = await connection.getState({});
    if (answer.ok) setState(answer.value);
  }, [connection]);

  useEffect(() => {
    void refresh();
    // After a scan, the card and the counts come from the event itself; the rest of the state (the
    // recent list, who is inside) is fetched once the burst of events is over, so a queue scanning
    // fast does not make the page fetch and redraw the whole state between two scans.
    let later: ReturnType<typeof setTimeout> | null = null;
    const refreshSoon = () => {
      if (later) clearTimeout(later);
      later = setTimeout(() => {
        later = null;
        void refresh();
      }, STATE_REFRESH_AFTER_SCAN_MS);
    };
    const stopEvents = connection.onEvent((event) => {
      switch (event.name) {
        case 'scan-handled': {
          const scan = event.payload;
          setResult(scan);
          setResultSerial((serial) => serial + 1);
          setState((current) =>
            current && scan.counts.day === current.counts.day ? { ...current, counts: scan.counts } : current,
          );
          playOutcomeSound(scan.outcome, volume.current);
          refreshSoon();
          break;
        }
        case 'upload-status-changed': {
          const upload = event.payload;
          setState((current) => (current ? { ...current, upload } : current));
          break;
        }
        case 'export-progress':
          setExportProgress(event.payload);
          break;
        case 'settings-changed':
        case 'storage-changed':
          void refresh();
          break;
        default: {
          const exhaustive: never = event;
          throw new Error(`useKiosk: unknown event ${String(exhaustive)}`);
        }
      }
    });
    const stopConnection = connection.onConnectionChange((isConnected) => {
      setConnected(isConnected);
      if (isConnected) void refresh();
    });
    const stopAdmission = connection.onAdmissionProblem?.(setAdmission);
    return () => {
      if (later) clearTimeout(later);
      stopEvents();
      stopConnection();
      stopAdmission?.();
    };
  }, [connection, refresh]);

  const clearResult = useCallback(() => setResult(null), []);
  return { state, connected, admission, result, resultSerial, t, formatTime, refresh, clearResult, exportProgress };
}
