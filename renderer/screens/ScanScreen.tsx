/**
 * The scan screen: holds the kiosk state, captures wedge scans, submits them to the core and shows
 * the result. Talks to the core only through the {@link KioskConnection}.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Direction, KioskState, ScanResult, SubmitScanInput } from '../../shared/contract';
import { DayCounters } from '../components/DayCounters';
import { RecentScans } from '../components/RecentScans';
import { ResultCard } from '../components/ResultCard';
import { ScannerTestPanel } from '../components/ScannerTestPanel';
import { UploadStatusLine } from '../components/UploadStatusLine';
import { playOutcomeSound } from '../feedbackSound';
import type { KioskConnection } from '../kioskClient';
import { translator } from '../messages';
import { attachWedgeCapture } from '../wedgeCapture';

export interface ScanScreenProps {
  readonly connection: KioskConnection;
}

export function ScanScreen({ connection }: ScanScreenProps) {
  const [state, setState] = useState<KioskState | null>(null);
  const [result, setResult] = useState<ScanResult | null>(null);
  /** Counts results shown, so tests and screen readers can tell two equal outcomes apart. */
  const [resultSerial, setResultSerial] = useState(0);
  const [connected, setConnected] = useState(true);
  const sinkRef = useRef<HTMLInputElement>(null);

  const language = state?.settings.language ?? 'vi';
  const t = useMemo(() => translator(language), [language]);
  const formatTime = useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return (iso: string) => format.format(new Date(iso));
  }, [language]);

  const refresh = useCallback(async () => {
    const answer = await connection.getState({});
    if (answer.ok) setState(answer.value);
  }, [connection]);

  // Results arrive as `scan-handled` events for every source (wedge here, HID and serial in the core).
  const showResult = useCallback((scan: ScanResult) => {
    setResult(scan);
    setResultSerial((serial) => serial + 1);
    playOutcomeSound(scan.outcome);
  }, []);

  const submit = useCallback((input: SubmitScanInput) => void connection.submitScan(input), [connection]);

  useEffect(() => {
    void refresh();
    const stopEvents = connection.onEvent((event, payload) => {
      if (event === 'scan-handled') showResult(payload as ScanResult);
      void refresh();
    });
    const stopConnection = connection.onConnectionChange((isConnected) => {
      setConnected(isConnected);
      if (isConnected) void refresh();
    });
    return () => {
      stopEvents();
      stopConnection();
    };
  }, [connection, refresh, showResult]);

  const endKey = state?.settings.wedgeEndKey ?? 'Enter or Tab';
  const prefix = state?.settings.wedgePrefix ?? '';
  const suffix = state?.settings.wedgeSuffix ?? '';
  useEffect(() => {
    const terminators = endKey === 'Enter or Tab' ? ['Enter', 'Tab'] : [endKey];
    return attachWedgeCapture((scan) => submit({ raw: scan.text, source: 'wedge', layoutSuspected: scan.layoutSuspected }), { terminators, prefix, suffix });
  }, [submit, endKey, prefix, suffix]);

  // Keep a focused sink so text arriving without key events (input methods, Unicode wedges) is captured.
  useEffect(() => {
    const refocus = () => {
      if (document.activeElement === document.body || document.activeElement === null) sinkRef.current?.focus();
    };
    const refocusSoon = () => window.setTimeout(refocus, 0);
    refocus();
    const timer = window.setInterval(refocus, 500);
    document.addEventListener('focusout', refocusSoon);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('focusout', refocusSoon);
    };
  }, []);

  const chooseDirection = (direction: Direction) => void connection.chooseDirection({ direction });

  const toggleLanguage = () => void connection.updateSettings({ language: language === 'vi' ? 'en' : 'vi' });

  if (!state) return <main className="scan-screen loading" aria-busy="true" />;
  const { settings } = state;
  return (
    <main className="scan-screen" lang={language}>
      <input ref={sinkRef} className="scan-sink" data-scan-sink="" data-testid="scan-sink" aria-hidden="true" tabIndex={-1} autoComplete="off" />
      <header className="scan-header">
        <div>
          <h1 className="venue-name" data-testid="venue-name">{settings.venueName}</h1>
          {settings.contextLabel ? <p className="context-label">{t('context.label')}: {settings.contextLabel}</p> : null}
        </div>
        <button type="button" className="language-switch" onClick={toggleLanguage} data-testid="language-switch">
          {t('language.switch')}
        </button>
      </header>
      {connected ? null : <p className="connection-lost" role="alert">{t('connection.lost')}</p>}
      {state.notices.map((notice) => (
        <p key={notice.at} className="kiosk-notice" role="alert" data-testid="kiosk-notice">
          {t(`notice.${notice.code}`, { detail: notice.detail })}
        </p>
      ))}
      {state.scannerTest ? (
        <ScannerTestPanel result={result} scanners={state.scanners} t={t} formatTime={formatTime} onClose={() => void connection.setScannerTest({ on: false })} />
      ) : (
        <ResultCard result={result} serial={resultSerial} t={t} formatTime={formatTime} onChooseDirection={chooseDirection} />
      )}
      <DayCounters counts={state.counts} t={t} />
      <RecentScans entries={state.recent} t={t} formatTime={formatTime} />
      <footer className="scan-footer">
        <p className="privacy-notice">{t(settings.privacyProfile === 'full' ? 'privacy.full' : 'privacy.minimal', { days: settings.retentionDays })}</p>
        <UploadStatusLine status={state.upload} t={t} formatTime={formatTime} />
        {state.scannerTest ? null : (
          <button type="button" className="link-button" onClick={() => void connection.setScannerTest({ on: true })} data-testid="scanner-test-open">
            {t('test.open')}
          </button>
        )}
      </footer>
    </main>
  );
}
