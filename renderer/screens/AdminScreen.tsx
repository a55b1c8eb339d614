/**
 * Admin, behind the PIN (enforced by the core too): settings, the district connection and upload,
 * today's log with search and CSV export, who is inside now (printable), the scanner test, the PIN,
 * and leaving the kiosk. The screen holds the state and talks to the kiosk; each section is a
 * component under `components/admin/` that takes props only.
 */
import { useEffect, useState } from 'react';
import type { Result } from '../../shared/contract';
import type { Sailing } from '../../shared/kioskSailings';
import type { GuestList } from '../../shared/guestList';
import type { HourCount, ScanLogEntry } from '../../shared/kioskScans';
import type { KioskSettings } from '../../shared/kioskSettings';
import { AdminSection } from '../components/admin/AdminSection';
import { AdminToolsSection } from '../components/admin/AdminToolsSection';
import { DistrictSection } from '../components/admin/DistrictSection';
import { UsbSection } from '../components/admin/UsbSection';
import { GuestListSection } from '../components/admin/GuestListSection';
import { InsideNowSection } from '../components/admin/InsideNowSection';
import { LeaveKioskForm } from '../components/admin/LeaveKioskForm';
import { PinChangeForm } from '../components/admin/PinChangeForm';
import { SailingsSection } from '../components/admin/SailingsSection';
import { ScanLogSection } from '../components/admin/ScanLogSection';
import { SettingsSection, type SetSetting } from '../components/admin/SettingsSection';
import { LettersLostNote } from '../components/LettersLostNote';
import { PinPad } from '../components/PinPad';
import { ScannerList } from '../components/ScannerList';
import { downloadCsv } from '../downloadCsv';
import { errorWords } from '../errorWords';
import { guestCsv } from '../guestCsv';
import { playSoundTest } from '../feedbackSound';
import type { KioskConnection } from '../kioskClient';
import type { MessageKey } from '../messages';
import { scanCsv } from '../scanCsv';
import type { KioskView } from '../useKiosk';

export interface AdminScreenProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
  readonly onClose: () => void;
  readonly onOpenPoster: () => void;
  /** The printable list of a sailing (its label), or of who is inside (undefined). */
  readonly onOpenManifest: (contextLabel?: string) => void;
  /** A port's sailing's manifest, to reprint. */
  readonly onOpenSailingManifest?: (sailingId: string, justClosed: boolean) => void;
}

/** A file name from the catalog, without characters file systems refuse. */
const fileName = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '-');

export function AdminScreen({
  connection,
  view,
  onClose,
  onOpenPoster,
  onOpenManifest,
  onOpenSailingManifest,
}: AdminScreenProps) {
  const { state, t, formatTime } = view;
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState<KioskSettings | null>(state?.settings ?? null);
  const [query, setQuery] = useState('');
  const [day, setDay] = useState<string | null>(null);
  const [log, setLog] = useState<readonly ScanLogEntry[]>([]);
  const [inside, setInside] = useState<readonly ScanLogEntry[]>([]);
  const [hours, setHours] = useState<readonly HourCount[]>([]);
  const [sailings, setSailings] = useState<readonly Sailing[]>([]);
  const [guests, setGuests] = useState<GuestList | null>(null);
  const hotel = state?.upload.venueType === 'hotel';
  const unlocked = state?.adminUnlocked === true;
  const atPort = state?.upload.venueType === 'port';

  const answer = <T,>(result: Result<T>, done?: (value: T) => void) => {
    if (result.ok) {
      setError(null);
      done?.(result.value);
    } else setError(errorWords(result.error, t));
  };

  useEffect(() => {
    if (!unlocked) return;
    void connection
      .listScans({ day: day ?? undefined, query: query || undefined })
      .then((result) => answer(result, setLog));
    void connection.insideNow({}).then((result) => answer(result, setInside));
    void connection.hourlyCounts({}).then((result) => answer(result, setHours));
    void connection.listSailings({}).then((result) => answer(result, setSailings));
    if (hotel) void connection.guestList({}).then((result) => answer(result, setGuests));
  }, [unlocked, query, day, state?.counts.in, state?.counts.out, hotel]);

  useEffect(() => {
    if (state && !draft) setDraft(state.settings);
  }, [state, draft]);

  // A confirmation stays in view (sticky) for a few seconds, then gets out of the way.
  useEffect(() => {
    if (!message) return undefined;
    const timer = window.setTimeout(() => setMessage(null), 4000);
    return () => window.clearTimeout(timer);
  }, [message]);

  if (!state || !draft) return <main className="admin-screen loading" aria-busy="true" />;
  if (!unlocked) {
    return (
      <main className="admin-screen locked">
        <PinPad
          title={t('admin.pin.title')}
          error={error}
          t={t}
          onCancel={onClose}
          onSubmit={(pin) => void connection.unlockAdmin({ pin }).then((result) => answer(result))}
        />
      </main>
    );
  }
  // Functional: one click may change two settings (the questions in both languages).
  const setSetting: SetSetting = (key, value) =>
    setDraft((current) => (current ? { ...current, [key]: value } : current));
  const saved = (words: MessageKey) => () => setMessage(t(words));
  const shownDay = day ?? state.counts.day;
  const formatStamp = (iso: string) =>
    new Intl.DateTimeFormat(state.settings.language === 'en' ? 'en-GB' : 'vi-VN', {
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(iso));
  const lockAndClose = () => void connection.lockAdmin({}).then(onClose);

  return (
    <main className="admin-screen" data-testid="admin-screen" lang={state.settings.language}>
      <header className="admin-header">
        <h1>{t('admin.title')}</h1>
        <button type="button" data-testid="admin-close" onClick={lockAndClose}>
          {t('admin.close')}
        </button>
      </header>
      {error ? (
        <p className="admin-error" role="alert" data-testid="admin-error">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className="admin-message" role="status">
          {message}
        </p>
      ) : null}

      <SettingsSection
        draft={draft}
        t={t}
        onChange={setSetting}
        onTestSound={() => playSoundTest(draft.soundVolume)}
        onSave={() => {
          const { setupDone: _setupDone, ...patch } = draft;
          void connection.updateSettings(patch).then((result) => answer(result, saved('admin.saved')));
        }}
      />
      <DistrictSection
        upload={state.upload}
        t={t}
        formatTime={formatTime}
        onSendNow={() => void connection.sendNow({}).then((result) => answer(result))}
        deviceName={state.deviceName ?? ''}
        onEnroll={(input) => {
          const wasEnrolled = state.upload.enrolled;
          const keptBefore = state.upload.keptUnsentCount ?? 0;
          return connection.enroll(input).then((result) => {
            answer(result, (status) => {
              // Enrolled again: how many unsent scans stay here is said, not left to find in the status line.
              const kept = (status.keptUnsentCount ?? 0) - keptBefore;
              if (!wasEnrolled) setMessage(t('admin.enrolled'));
              else setMessage(kept > 0 ? t('admin.reenrolledKept', { count: kept }) : t('admin.reenrolled'));
            });
            return result.ok;
          });
        }}
      />
      <UsbSection
        upload={state.upload}
        t={t}
        progress={view.exportProgress}
        errorWords={(failure) => errorWords(failure, t)}
        onExport={() => connection.exportToUsb({})}
        onReceipt={(text) => connection.scanReceipt({ text })}
      />
      <AdminSection id="scanners" title={t('test.scanners')}>
        <ScannerList scanners={state.scanners} t={t} formatTime={formatTime} />
        <LettersLostNote count={state.lettersLostToday ?? 0} t={t} />
      </AdminSection>
      <ScanLogSection
        day={shownDay}
        lastDay={state.counts.day}
        query={query}
        contextLabel={state.settings.contextLabel}
        hours={hours}
        entries={log}
        t={t}
        formatTime={formatTime}
        onDay={setDay}
        onQuery={setQuery}
        onExportDay={() =>
          void connection
            .exportScans({ day: shownDay })
            .then((result) =>
              answer(result, (rows) => downloadCsv(scanCsv(rows, t), fileName(t('csv.file.day', { day: shownDay })))),
            )
        }
        onExportContext={(contextLabel) =>
          void connection
            .exportScans({ contextLabel })
            .then((result) =>
              answer(result, (rows) =>
                downloadCsv(scanCsv(rows, t), fileName(t('csv.file.context', { context: contextLabel }))),
              ),
            )
        }
        onPrintContext={(contextLabel) => onOpenManifest(contextLabel)}
      />
      {atPort || sailings.length > 0 ? (
        <SailingsSection
          sailings={sailings}
          retentionDays={state.settings.retentionDays}
          t={t}
          formatStamp={formatStamp}
          onReprint={(sailing) => onOpenSailingManifest?.(sailing.id, false)}
          onExport={(sailing) =>
            void connection
              .exportScans({ sailingId: sailing.id })
              .then((result) =>
                answer(result, (rows) =>
                  downloadCsv(
                    scanCsv(rows, t),
                    fileName(t('csv.file.sailing', { label: sailing.label, day: formatStamp(sailing.departsAt) })),
                  ),
                ),
              )
          }
        />
      ) : null}
      {hotel ? (
        <GuestListSection
          list={guests}
          t={t}
          onExport={() =>
            void connection
              .guestList({})
              .then((result) =>
                answer(result, (list) =>
                  downloadCsv(guestCsv(list, t), fileName(t('csv.file.guests', { day: state.counts.day }))),
                ),
              )
          }
        />
      ) : null}
      <InsideNowSection
        entries={inside}
        t={t}
        formatTime={formatTime}
        printWords={state.upload.venueType === 'hotel' ? 'manifest.open.guests' : 'manifest.open.inside'}
        onPrint={() => onOpenManifest()}
      />
      <AdminToolsSection
        t={t}
        onOpenPoster={onOpenPoster}
        onPurge={() =>
          void connection
            .purgeExpired({})
            .then((result) => answer(result, (count) => setMessage(t('admin.purged', { count }))))
        }
        onScannerTest={() => void connection.setScannerTest({ on: true }).then(lockAndClose)}
      >
        <PinChangeForm
          t={t}
          onChange={(pins) =>
            void connection.setAdminPin(pins).then((result) => answer(result, saved('admin.pinChanged')))
          }
        />
        <LeaveKioskForm t={t} onLeave={(pin) => void connection.exitKiosk({ pin }).then((result) => answer(result))} />
      </AdminToolsSection>
    </main>
  );
}
