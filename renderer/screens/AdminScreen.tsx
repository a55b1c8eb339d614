/**
 * Admin, behind the PIN (enforced by the core too): settings, the district connection and upload,
 * today's log with search and CSV export, who is inside now (printable), the scanner test, the PIN,
 * and leaving the kiosk.
 */
import { useEffect, useState } from 'react';
import type { KioskError, KioskSettings, Result, ScanLogEntry } from '../../shared/contract';
import { HourlyChart } from '../components/HourlyChart';
import { PinPad } from '../components/PinPad';
import { ScannerList } from '../components/ScannerList';
import { UploadStatusLine } from '../components/UploadStatusLine';
import type { KioskConnection } from '../kioskClient';
import type { MessageKey } from '../messages';
import type { KioskView } from '../useKiosk';

export interface AdminScreenProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
  readonly onClose: () => void;
  readonly onOpenPoster: () => void;
}

function errorKey(error: KioskError): MessageKey {
  switch (error.code) {
    case 'pin-wrong':
    case 'pin-locked':
    case 'pin-not-set':
    case 'admin-locked':
    case 'enroll-failed':
      return `error.${error.code}`;
    default:
      return 'error.other';
  }
}

/** Saves a CSV as a file the operator can open in a spreadsheet (UTF-8 with BOM). */
function downloadCsv(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function AdminScreen({ connection, view, onClose, onOpenPoster }: AdminScreenProps) {
  const { state, t, formatTime } = view;
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState<KioskSettings | null>(state?.settings ?? null);
  const [query, setQuery] = useState('');
  const [day, setDay] = useState<string | null>(null);
  const [log, setLog] = useState<readonly ScanLogEntry[]>([]);
  const [inside, setInside] = useState<readonly ScanLogEntry[]>([]);
  const [enrollCode, setEnrollCode] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [pins, setPins] = useState({ current: '', next: '' });
  const [exitPin, setExitPin] = useState('');
  const [hours, setHours] = useState<readonly { hour: number; in: number; out: number }[]>([]);
  const unlocked = state?.adminUnlocked === true;

  const answer = <T,>(result: Result<T>, done?: (value: T) => void) => {
    if (result.ok) {
      setError(null);
      done?.(result.value);
    } else setError(t(errorKey(result.error)));
  };

  useEffect(() => {
    if (!unlocked) return;
    void connection.listScans({ day: day ?? undefined, query: query || undefined }).then((result) => answer(result, setLog));
    void connection.insideNow({}).then((result) => answer(result, setInside));
    void connection.hourlyCounts({}).then((result) => answer(result, setHours));
  }, [unlocked, query, day, state?.counts.in, state?.counts.out]);

  useEffect(() => {
    if (state && !draft) setDraft(state.settings);
  }, [state, draft]);

  if (!state || !draft) return <main className="admin-screen loading" aria-busy="true" />;
  if (!unlocked) {
    return (
      <main className="admin-screen locked">
        <PinPad title={t('admin.pin.title')} error={error} t={t} onCancel={onClose} onSubmit={(pin) => void connection.unlockAdmin({ pin }).then((result) => answer(result))} />
      </main>
    );
  }
  const set = <K extends keyof KioskSettings>(key: K, value: KioskSettings[K]) => setDraft({ ...draft, [key]: value });
  const today = day ?? state.counts.day;

  return (
    <main className="admin-screen" data-testid="admin-screen" lang={state.settings.language}>
      <header className="admin-header">
        <h1>{t('admin.title')}</h1>
        <button type="button" data-testid="admin-close" onClick={() => void connection.lockAdmin({}).then(onClose)}>{t('admin.close')}</button>
      </header>
      {error ? <p className="admin-error" role="alert" data-testid="admin-error">{error}</p> : null}
      {message ? <p className="admin-message" role="status">{message}</p> : null}

      <section className="admin-section" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('admin.settings')}</h2>
        <form
          className="settings-form"
          onSubmit={(event) => {
            event.preventDefault();
            const { setupDone: _setupDone, ...patch } = draft;
            void connection.updateSettings(patch).then((result) => answer(result, () => setMessage(t('admin.saved'))));
          }}
        >
          <label>{t('settings.venueName')}<input value={draft.venueName} maxLength={120} onChange={(e) => set('venueName', e.target.value)} data-testid="settings-venue-name" /></label>
          <label>{t('settings.kioskMode')}
            <select value={draft.kioskMode} onChange={(e) => set('kioskMode', e.target.value as KioskSettings['kioskMode'])} data-testid="settings-kiosk-mode">
              <option value="counter">{t('settings.kioskMode.counter')}</option>
              <option value="self-service">{t('settings.kioskMode.self-service')}</option>
            </select>
          </label>
          <label>{t('counter.direction')}
            <select value={draft.directionMode} onChange={(e) => set('directionMode', e.target.value as KioskSettings['directionMode'])}>
              {(['in', 'out', 'auto', 'ask'] as const).map((mode) => <option key={mode} value={mode}>{t(`counter.mode.${mode}`)}</option>)}
            </select>
          </label>
          <label>{t('settings.privacy')}
            <select value={draft.privacyProfile} onChange={(e) => set('privacyProfile', e.target.value as KioskSettings['privacyProfile'])}>
              <option value="minimal">{t('settings.privacy.minimal')}</option>
              <option value="full">{t('settings.privacy.full')}</option>
            </select>
          </label>
          <label>{t('settings.retentionDays')}<input type="number" min={1} max={365} value={draft.retentionDays} onChange={(e) => set('retentionDays', Number(e.target.value))} /></label>
          <label>{t('settings.duplicateWindow')}<input type="number" min={0} max={86400} value={draft.duplicateWindowSeconds} onChange={(e) => set('duplicateWindowSeconds', Number(e.target.value))} /></label>
          <label className="checkbox"><input type="checkbox" checked={draft.hidEnabled} onChange={(e) => set('hidEnabled', e.target.checked)} />{t('settings.hid')}</label>
          <label>{t('settings.serial')}<input value={draft.serialPort ?? ''} placeholder="auto" onChange={(e) => set('serialPort', e.target.value.trim() === '' ? null : e.target.value)} /></label>
          <label>{t('settings.endKey')}
            <select value={draft.wedgeEndKey} onChange={(e) => set('wedgeEndKey', e.target.value as KioskSettings['wedgeEndKey'])}>
              <option value="Enter or Tab">Enter / Tab</option><option value="Enter">Enter</option><option value="Tab">Tab</option>
            </select>
          </label>
          <label>{t('settings.venueAddress')}<input value={draft.venueAddress ?? ''} maxLength={240} onChange={(e) => set('venueAddress', e.target.value.trim() === '' ? null : e.target.value)} /></label>
          <label>{t('settings.venueQr')}<input value={draft.venueQrText ?? ''} maxLength={1000} onChange={(e) => set('venueQrText', e.target.value.trim() === '' ? null : e.target.value)} data-testid="settings-venue-qr" /></label>
          <label className="wide">{t('settings.healthQuestions')}
            <textarea rows={3} value={draft.healthQuestions.join('\n')} data-testid="settings-health-questions"
              onChange={(e) => set('healthQuestions', e.target.value.split('\n').map((q) => q.trim()).filter((q) => q.length > 0).slice(0, 5))} />
          </label>
          <p className="settings-note">{t(draft.privacyProfile === 'full' ? 'privacy.full' : 'privacy.minimal', { days: draft.retentionDays })}</p>
          <button type="submit" data-testid="settings-save">{t('admin.save')}</button>
        </form>
      </section>

      <section className="admin-section" aria-labelledby="district-title">
        <h2 id="district-title">{t('admin.district')}</h2>
        <UploadStatusLine status={state.upload} t={t} formatTime={formatTime} />
        <button type="button" onClick={() => void connection.sendNow({}).then((result) => answer(result))} data-testid="send-now">{t('admin.sendNow')}</button>
        {state.upload.enrolled ? null : (
          <form className="enroll-form" onSubmit={(event) => {
            event.preventDefault();
            void connection.enroll({ code: enrollCode, serverUrl: serverUrl || undefined }).then((result) => answer(result, () => setMessage(t('admin.enrolled'))));
          }}>
            <label>{t('setup.enroll.code')}<input value={enrollCode} onChange={(e) => setEnrollCode(e.target.value)} /></label>
            <label>{t('setup.enroll.server')}<input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://" /></label>
            <button type="submit">{t('setup.enroll.submit')}</button>
          </form>
        )}
      </section>

      <section className="admin-section" aria-labelledby="scanners-title">
        <h2 id="scanners-title">{t('test.scanners')}</h2>
        <ScannerList scanners={state.scanners} t={t} formatTime={formatTime} />
      </section>

      <section className="admin-section" aria-labelledby="log-title">
        <h2 id="log-title">{t('admin.log', { day: today })}</h2>
        <input type="date" value={today} max={state.counts.day} onChange={(e) => setDay(e.target.value || null)} aria-label={t('admin.day')} data-testid="log-day" />
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('admin.search')} data-testid="log-search" />
        <button type="button" data-testid="export-day" onClick={() => void connection.exportCsv({ day: today }).then((result) => answer(result, (csv) => downloadCsv(csv, `scans-${today}.csv`)))}>{t('admin.exportDay')}</button>
        {state.settings.contextLabel ? (
          <button type="button" onClick={() => void connection.exportCsv({ contextLabel: state.settings.contextLabel ?? undefined }).then((result) => answer(result, (csv) => downloadCsv(csv, 'passengers.csv')))}>{t('admin.exportContext', { context: state.settings.contextLabel })}</button>
        ) : null}
        <HourlyChart hours={hours} t={t} />
        <ol className="admin-log" data-testid="admin-log">
          {log.map((entry) => (
            <li key={entry.scanId}>{formatTime(entry.at)} · {entry.direction ? t(`scan.direction.${entry.direction}`) : '—'} · {entry.outcome === 'refused' && entry.reason ? t(`reason.${entry.reason}`) : (entry.displayName ?? t(`scan.kind.${entry.kind}`))} {entry.maskedId ?? ''} {entry.contextLabel ? `· ${entry.contextLabel}` : ''}</li>
          ))}
        </ol>
      </section>

      <section className="admin-section printable" aria-labelledby="inside-title">
        <h2 id="inside-title">{t('admin.inside', { count: inside.length })}</h2>
        <button type="button" onClick={() => window.print()}>{t('admin.print')}</button>
        <ol className="inside-list" data-testid="inside-list">
          {inside.map((entry) => <li key={entry.scanId}>{entry.displayName ?? t(`scan.kind.${entry.kind}`)} {entry.maskedId ?? ''} · {formatTime(entry.at)}</li>)}
        </ol>
      </section>

      <section className="admin-section" aria-labelledby="tools-title">
        <h2 id="tools-title">{t('admin.tools')}</h2>
        <button type="button" onClick={onOpenPoster} data-testid="open-poster">{t('poster.open')}</button>
        <button type="button" data-testid="purge" onClick={() => void connection.purgeExpired({}).then((result) => answer(result, (count) => setMessage(t('admin.purged', { count }))))}>{t('admin.purge')}</button>
        <button type="button" onClick={() => void connection.setScannerTest({ on: true }).then(() => connection.lockAdmin({})).then(onClose)}>{t('test.open')}</button>
        <form className="pin-change" onSubmit={(event) => {
          event.preventDefault();
          void connection.setAdminPin({ currentPin: pins.current, newPin: pins.next }).then((result) => answer(result, () => setMessage(t('admin.pinChanged'))));
        }}>
          <label>{t('admin.pin.current')}<input type="password" inputMode="numeric" value={pins.current} onChange={(e) => setPins({ ...pins, current: e.target.value })} /></label>
          <label>{t('admin.pin.new')}<input type="password" inputMode="numeric" value={pins.next} onChange={(e) => setPins({ ...pins, next: e.target.value })} /></label>
          <button type="submit">{t('admin.pin.change')}</button>
        </form>
        <form className="exit-form" onSubmit={(event) => {
          event.preventDefault();
          void connection.exitKiosk({ pin: exitPin }).then((result) => answer(result));
        }}>
          <label>{t('admin.pin.current')}<input type="password" inputMode="numeric" value={exitPin} onChange={(e) => setExitPin(e.target.value)} /></label>
          <button type="submit">{t('admin.exit')}</button>
        </form>
      </section>
    </main>
  );
}
