/**
 * The scan screen: counter mode (staff at the desk: last scan large, today's log, direction and
 * context) or self-service (unattended: the whole screen green, amber or red for a few seconds,
 * then back to the prompt). Captures wedge scans; talks to the core through the connection.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Direction, Manifest, ScanLogEntry } from '../../shared/kioskScans';
import type { Sailing } from '../../shared/kioskSailings';
import type { DirectionMode } from '../../shared/kioskSettings';
import { CounterTools } from '../components/CounterTools';
import { DayCounters } from '../components/DayCounters';
import { HotelDeskTools } from '../components/HotelDeskTools';
import { LastScanCorrection } from '../components/LastScanCorrection';
import { ManualEntryForm } from '../components/ManualEntryForm';
import { RecentScans } from '../components/RecentScans';
import { ResultCard } from '../components/ResultCard';
import { SailingControl } from '../components/SailingControl';
import { ScannerTestPanel } from '../components/ScannerTestPanel';
import { StorageBanner } from '../components/StorageBanner';
import { UploadBanner, uploadTrouble } from '../components/UploadBanner';
import { UploadStatusLine } from '../components/UploadStatusLine';
import { errorWords } from '../errorWords';
import type { KioskConnection } from '../kioskClient';
import type { KioskView } from '../useKiosk';
import { useScanSink } from '../useScanSink';
import { attachWedgeCapture, wedgeScanInput } from '../wedgeCapture';
import { ScanSink } from '../components/ScanSink';

/** How long a self-service result fills the screen before the prompt returns, ms. */
export const SELF_SERVICE_RESULT_MS = 5000;

export interface ScanScreenProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
  readonly onOpenAdmin: () => void;
  /** Shows the printable list of a sailing (its label; the list when already made), or of who is inside (undefined). */
  readonly onOpenManifest: (contextLabel?: string, made?: Manifest) => void;
  /** Shows a port's sailing's manifest; `justClosed` when boarding was closed a moment ago (it asks to print). */
  readonly onOpenSailingManifest?: (sailingId: string, justClosed: boolean) => void;
}

export function ScanScreen({ connection, view, onOpenAdmin, onOpenManifest, onOpenSailingManifest }: ScanScreenProps) {
  const { state, result, resultSerial, t, formatTime, connected, clearResult } = view;
  const atPort = state?.upload.venueType === 'port';
  const [sailings, setSailings] = useState<readonly Sailing[]>([]);
  const currentSailing = state?.sailing ?? null;
  // The sailings to pick from (and one to reopen) are read again whenever the current one changes.
  useEffect(() => {
    if (!atPort) return;
    void connection.listSailings({}).then((answer) => answer.ok && setSailings(answer.value));
  }, [connection, atPort, currentSailing?.id, currentSailing?.onBoard, state?.settings]);
  const formatClock = useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(state?.settings.language === 'en' ? 'en-GB' : 'vi-VN', {
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso)),
    [state?.settings.language],
  );
  const [toolError, setToolError] = useState<string | null>(null);
  // Text arriving without key events (input methods, Unicode wedges) needs a focused field to land in.
  const sinkRef = useScanSink();
  const submit = useCallback(
    (input: Parameters<KioskConnection['submitScan']>[0]) => void connection.submitScan(input),
    [connection],
  );

  const endKey = state?.settings.wedgeEndKey ?? 'Enter or Tab';
  const prefix = state?.settings.wedgePrefix ?? '';
  const suffix = state?.settings.wedgeSuffix ?? '';
  useEffect(() => {
    const terminators = endKey === 'Enter or Tab' ? ['Enter', 'Tab'] : [endKey];
    return attachWedgeCapture((scan) => submit(wedgeScanInput(scan)), { terminators, prefix, suffix });
  }, [submit, endKey, prefix, suffix]);

  const selfService = state?.settings.kioskMode === 'self-service';
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<readonly ScanLogEntry[] | null>(null);
  const counted = (state?.counts.in ?? 0) + (state?.counts.out ?? 0) + (state?.counts.refused ?? 0);
  useEffect(() => {
    if (query.trim() === '' || selfService) return setMatches(null);
    void connection.listScans({ query: query.trim() }).then((answer) => setMatches(answer.ok ? answer.value : []));
  }, [connection, query, selfService, counted]);
  const venueQrText = state?.settings.venueQrText ?? null;
  const [venueQrPng, setVenueQrPng] = useState<string | null>(null);
  useEffect(() => {
    if (!selfService || !venueQrText) return setVenueQrPng(null);
    void connection.venueQr({}).then((answer) => setVenueQrPng(answer.ok && answer.value ? answer.value.png : null));
  }, [connection, selfService, venueQrText]);
  // Self-service: the result fills the screen for a few seconds, then the prompt returns.
  useEffect(() => {
    if (!selfService || !result || result.outcome === 'needs-direction' || state?.scannerTest) return undefined;
    // The declaration waits longer (a minute in the core); everything else returns after a few seconds.
    if (result.outcome === 'needs-declaration') {
      const timer = window.setTimeout(clearResult, 60_000);
      return () => window.clearTimeout(timer);
    }
    const timer = window.setTimeout(clearResult, SELF_SERVICE_RESULT_MS);
    return () => window.clearTimeout(timer);
  }, [selfService, result, resultSerial, clearResult, state?.scannerTest]);

  // A scanner test's card (and its layout warning) ends with the test: the idle prompt returns.
  const scannerTest = state?.scannerTest === true;
  useEffect(() => {
    if (!scannerTest && result?.outcome === 'tested') clearResult();
  }, [scannerTest, result, clearResult]);

  if (!state) return <main className="scan-screen loading" aria-busy="true" />;
  const { settings } = state;
  const chooseDirection = (direction: Direction) => void connection.chooseDirection({ direction });
  const setMode = (directionMode: DirectionMode) => void connection.setCounterOptions({ directionMode });
  const setContext = (contextLabel: string | null, sailingCapacity: number | null) =>
    void connection.setCounterOptions({ contextLabel, sailingCapacity });
  // The list is made while the sailing is still current (with its seats), then the sailing ends.
  const closeSailing = async () => {
    const label = settings.contextLabel;
    if (!label) return;
    const made = await connection.manifest({ contextLabel: label });
    const closed = await connection.setCounterOptions({ contextLabel: null, sailingCapacity: null });
    if (!made.ok) return setToolError(errorWords(made.error, t));
    if (!closed.ok) return setToolError(errorWords(closed.error, t));
    onOpenManifest(label, made.value);
  };
  const correct = (call: typeof connection.undoLastScan) =>
    void call({}).then((answer) => setToolError(answer.ok ? null : errorWords(answer.error, t)));
  const toggleLanguage = () => void connection.setLanguage({ language: settings.language === 'vi' ? 'en' : 'vi' });
  const card = state.scannerTest ? (
    <ScannerTestPanel
      result={result}
      scanners={state.scanners}
      t={t}
      formatTime={formatTime}
      onClose={() => void connection.setScannerTest({ on: false })}
    />
  ) : (
    <ResultCard
      result={result}
      serial={resultSerial}
      t={t}
      formatTime={formatTime}
      onChooseDirection={chooseDirection}
      venueQrPng={venueQrPng}
      givenNameOnly={selfService}
      unattended={selfService}
      healthQuestions={
        settings.language === 'en'
          ? settings.healthQuestions.map((question, index) => settings.healthQuestionsEn[index] ?? question)
          : settings.healthQuestions
      }
      onDeclare={(answers) => void connection.submitDeclaration({ answers })}
    />
  );

  return (
    <main
      className={`scan-screen ${selfService ? 'mode-self-service' : 'mode-counter'}`}
      lang={settings.language}
      data-mode={settings.kioskMode}
    >
      <ScanSink sinkRef={sinkRef} />
      <header className="scan-header">
        <div>
          <h1 className="venue-name" data-testid="venue-name">
            {settings.venueName}
          </h1>
          {currentSailing ? (
            <p className="context-label" data-testid="header-sailing">
              {t('sailing.title')}: {currentSailing.label} · {formatClock(currentSailing.departsAt)}
            </p>
          ) : settings.contextLabel && !atPort ? (
            <p className="context-label">
              {t('context.label')}: {settings.contextLabel}
            </p>
          ) : null}
        </div>
        <div className="header-actions">
          <button type="button" className="language-switch" onClick={toggleLanguage} data-testid="language-switch">
            {t('language.switch')}
          </button>
          <button
            type="button"
            className="admin-button"
            onClick={onOpenAdmin}
            data-testid="open-admin"
            aria-label={t('admin.open')}
          >
            ⚙
          </button>
        </div>
      </header>
      {connected ? null : (
        <p className="connection-lost" role="alert">
          {t('connection.lost')}
        </p>
      )}
      {state.notices.length > 0 ||
      state.storageProblem ||
      (!selfService && uploadTrouble(state.upload, Date.now()) !== null) ? (
        <div className="kiosk-notices">
          {state.storageProblem ? <StorageBanner problem={state.storageProblem} t={t} /> : null}
          {selfService ? null : <UploadBanner status={state.upload} now={Date.now()} t={t} />}
          {state.notices.map((notice) => (
            <p key={notice.at} className="kiosk-notice" role="alert" data-testid="kiosk-notice">
              {t(`notice.${notice.code}`, { detail: notice.detail })}
            </p>
          ))}
        </div>
      ) : null}
      {card}
      {selfService ? null : (
        <>
          <DayCounters counts={state.counts} t={t} />
          <aside className="side-panel">
            <LastScanCorrection
              scan={state.correctable ?? null}
              t={t}
              formatTime={formatTime}
              onUndo={() => correct(connection.undoLastScan)}
              onFlip={() => correct(connection.flipLastScan)}
            />
            {toolError ? (
              <p className="tool-error" role="alert" data-testid="tool-error">
                {toolError}
              </p>
            ) : null}
            {state.upload.venueType === 'hotel' ? (
              <HotelDeskTools
                key={settings.contextLabel ?? ''}
                settings={settings}
                insideCount={state.insideCount}
                t={t}
                onDirectionMode={setMode}
                onRoom={(room) => setContext(room, null)}
              />
            ) : (
              <CounterTools
                key={`${settings.contextLabel ?? ''}|${settings.sailingCapacity ?? ''}`}
                settings={settings}
                insideCount={state.insideCount}
                contextCount={state.contextCount ?? 0}
                t={t}
                onDirectionMode={setMode}
                onContextLabel={setContext}
                onCloseSailing={() => void closeSailing()}
                sailingControl={
                  atPort ? (
                    <SailingControl
                      sailing={currentSailing}
                      sailings={sailings}
                      t={t}
                      formatClock={formatClock}
                      now={Date.now()}
                      onPick={(id) =>
                        void connection
                          .pickSailing({ id })
                          .then((answer) => setToolError(answer.ok ? null : errorWords(answer.error, t)))
                      }
                      onOpen={async (input) => {
                        const answer = await connection.openSailing(input);
                        return answer.ok
                          ? null
                          : answer.error.code === 'invalid-input'
                            ? t('sailing.invalid')
                            : errorWords(answer.error, t);
                      }}
                      onClose={(sailing) =>
                        void connection.closeSailing({ id: sailing.id }).then((answer) => {
                          if (!answer.ok) return setToolError(errorWords(answer.error, t));
                          onOpenSailingManifest?.(sailing.id, true);
                        })
                      }
                      onReopen={(sailing) =>
                        void connection
                          .reopenSailing({ id: sailing.id })
                          .then((answer) => setToolError(answer.ok ? null : errorWords(answer.error, t)))
                      }
                    />
                  ) : undefined
                }
              />
            )}
            <ManualEntryForm
              t={t}
              onSubmit={async (entry) => {
                const answer = await connection.recordManual(entry);
                return answer.ok
                  ? null
                  : answer.error.code === 'invalid-input'
                    ? t('manual.invalid')
                    : errorWords(answer.error, t);
              }}
            />
            <RecentScans
              entries={matches ?? state.recent}
              t={t}
              formatTime={formatTime}
              query={query}
              onQuery={setQuery}
            />
          </aside>
        </>
      )}
      <footer className="scan-footer">
        <p className="privacy-notice">
          {t(settings.privacyProfile === 'full' ? 'privacy.full' : 'privacy.minimal', { days: settings.retentionDays })}
        </p>
        <UploadStatusLine status={state.upload} t={t} formatTime={formatTime} />
        {state.scannerTest || selfService ? null : (
          <button
            type="button"
            className="link-button"
            onClick={() => void connection.setScannerTest({ on: true })}
            data-testid="scanner-test-open"
          >
            {t('test.open')}
          </button>
        )}
      </footer>
    </main>
  );
}
