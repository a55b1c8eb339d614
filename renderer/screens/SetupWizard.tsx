/**
 * First run: a venue owner finishes this in a few minutes without a manual. Language, enrollment
 * with the district (scan its QR, type the code, or work offline), venue and kiosk mode, privacy and
 * retention in plain words, the admin PIN, and a live scanner test before the end.
 * Past 300 lines because the steps share one state (the settings being built, the PIN, the
 * enrollment) and one way forward and back; each step's form is its own component.
 */
import { useEffect, useState } from 'react';
import type { Result } from '../../shared/contract';
import { DEFAULT_SETTINGS, SETUP_STEPS, type KioskSettings, type SetupStep } from '../../shared/kioskSettings';
import { VENUE_TYPES } from '../../shared/district';
import { parseEnrollmentText } from '../../shared/enrollmentText';
import { PinField } from '../components/PinField';
import { ScannerTestPanel } from '../components/ScannerTestPanel';
import { SetupStepForm } from '../components/SetupStepForm';
import { errorWords } from '../errorWords';
import type { KioskConnection } from '../kioskClient';
import { DIRECTION_MODES, KIOSK_MODES, PRIVACY_PROFILES, defaultFirst } from '../settingsChoices';
import type { KioskView } from '../useKiosk';
import { useScanSink } from '../useScanSink';
import { attachWedgeCapture, wedgeScanInput } from '../wedgeCapture';
import { ScanSink } from '../components/ScanSink';

/** The recommended direction mode (the default) is offered first. */
const SETUP_DIRECTION_MODES = defaultFirst(DIRECTION_MODES, DEFAULT_SETTINGS.directionMode);

/** The venue type from enrollment, in words. */
function venueTypeWords(type: string | null, t: KioskView['t']): string {
  const known = VENUE_TYPES.find((candidate) => candidate === type) ?? 'other';
  return t(`venueType.${known}`);
}

export interface SetupWizardProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
}

const STEPS = SETUP_STEPS;
type Step = SetupStep;

export function SetupWizard({ connection, view }: SetupWizardProps) {
  const { state, t, result, formatTime } = view;
  // The step is kept by the core: a reload (or a restart) goes on where the owner was.
  const [step, setStep] = useState<Step | null>(null);
  useEffect(() => {
    if (state && step === null) setStep(state.settings.setupStep ?? 'language');
  }, [state, step]);
  const [error, setError] = useState<string | null>(null);
  // The district could not be reached with a setup sheet that carries its key: going on offline is offered.
  const [offlineOffer, setOfflineOffer] = useState(false);
  const [code, setCode] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  // The name the district sees; null until the owner types, so the core's default (the host name) shows.
  const [deviceName, setDeviceName] = useState<string | null>(null);
  const [pin, setPin] = useState({ first: '', second: '', current: '' });
  // The PIN set on this wizard's PIN step, if any: going back to change it needs it as the current PIN.
  const [pinSetHere, setPinSetHere] = useState<string | null>(null);
  const [showPin, setShowPin] = useState(false);
  const [venue, setVenue] = useState<Pick<
    KioskSettings,
    'venueName' | 'kioskMode' | 'directionMode' | 'privacyProfile' | 'retentionDays'
  > | null>(null);

  useEffect(() => {
    if (state && !venue)
      setVenue({
        venueName: state.settings.venueName,
        kioskMode: state.settings.kioskMode,
        directionMode: state.settings.directionMode,
        privacyProfile: state.settings.privacyProfile,
        retentionDays: state.settings.retentionDays,
      });
  }, [state, venue]);

  // The district's enrollment QR can simply be scanned on the enrollment step.
  useEffect(() => {
    if (step !== 'enroll') return undefined;
    return attachWedgeCapture((scan) => setCode(scan.text));
  }, [step]);

  // A scan's Vietnamese letters typed without key events land only in a focused field (see useScanSink).
  const sinkRef = useScanSink(step === 'test');

  // The last step tests the scanner live: scans are diagnosed, never recorded.
  useEffect(() => {
    if (step !== 'test') return undefined;
    void connection.setScannerTest({ on: true });
    const stop = attachWedgeCapture((scan) => void connection.submitScan(wedgeScanInput(scan)));
    return stop;
  }, [step, connection]);

  if (!state || !venue || step === null) return <main className="setup-wizard loading" aria-busy="true" />;
  const go = (next: Step) => {
    setError(null);
    setStep(next);
    void connection.updateSettings({ setupStep: next });
  };
  const check = async <T,>(promise: Promise<Result<T>>): Promise<boolean> => {
    const answer = await promise;
    if (!answer.ok) setError(errorWords(answer.error, t));
    return answer.ok;
  };
  const index = STEPS.indexOf(step);
  const finish = () =>
    void connection.setScannerTest({ on: false }).then(() => check(connection.updateSettings({ setupDone: true })));

  return (
    <main className="setup-wizard" data-testid="setup-wizard" data-step={step} lang={state.settings.language}>
      <header className="setup-header">
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.step', { step: index + 1, steps: STEPS.length })}</p>
      </header>
      {step === 'test' ? <ScanSink sinkRef={sinkRef} /> : null}
      {error ? (
        <p className="admin-error" role="alert" data-testid="setup-error">
          {error}
        </p>
      ) : null}

      {step === 'language' ? (
        <section className="setup-step">
          <h2>{t('setup.language')}</h2>
          <div className="choice-row">
            <button
              type="button"
              data-testid="setup-vi"
              onClick={() => void connection.setLanguage({ language: 'vi' }).then(() => go('enroll'))}
            >
              Tiếng Việt
            </button>
            <button
              type="button"
              data-testid="setup-en"
              onClick={() => void connection.setLanguage({ language: 'en' }).then(() => go('enroll'))}
            >
              English
            </button>
          </div>
        </section>
      ) : null}

      {step === 'enroll' ? (
        <section className="setup-step">
          <h2>{t('setup.enroll')}</h2>
          <p>{t('setup.enroll.hint')}</p>
          {state.upload.offlineSetup ? (
            <p className="setup-done" data-testid="setup-offline-done">
              {t('setup.offline.done')}
            </p>
          ) : null}
          {offlineOffer && !state.upload.offlineSetup ? (
            <div className="setup-offline" data-testid="setup-offline-offer">
              <p>{t('setup.offline.explain')}</p>
              <button
                type="button"
                className="primary"
                data-testid="setup-offline"
                onClick={() => {
                  const name = (deviceName ?? state.deviceName ?? '').trim() || undefined;
                  void check(
                    connection.setupOffline({ code, serverUrl: serverUrl || undefined, deviceName: name }),
                  ).then((ok) => ok && go('venue'));
                }}
              >
                {t('setup.offline.go')}
              </button>
            </div>
          ) : null}
          {state.upload.enrolled ? (
            <p className="setup-done" data-testid="setup-enrolled">
              {t('setup.enroll.done', {
                venue: state.upload.venueName ?? '',
                type: venueTypeWords(state.upload.venueType, t),
              })}
            </p>
          ) : state.upload.offlineSetup ? null : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                const name = (deviceName ?? state.deviceName ?? '').trim() || undefined;
                setOfflineOffer(false);
                void connection.enroll({ code, serverUrl: serverUrl || undefined, deviceName: name }).then((answer) => {
                  if (!answer.ok) {
                    setOfflineOffer(
                      answer.error.code === 'enroll-unreachable' && parseEnrollmentText(code)?.districtKey != null,
                    );
                    return setError(errorWords(answer.error, t));
                  }
                  // The district's name for the venue becomes the proposed venue name.
                  if (answer.value.venueName) setVenue({ ...venue, venueName: answer.value.venueName });
                  go('venue');
                });
              }}
            >
              <label>
                {t('setup.enroll.code')}
                <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="setup-code" />
              </label>
              <label>
                {t('setup.enroll.server')}
                <input
                  value={serverUrl}
                  onChange={(e) => setServerUrl(e.target.value)}
                  placeholder="192.168.1.10:8700"
                />
              </label>
              <label>
                {t('setup.enroll.deviceName')}
                <input
                  value={deviceName ?? state.deviceName ?? ''}
                  onChange={(e) => setDeviceName(e.target.value)}
                  maxLength={80}
                  data-testid="setup-device-name"
                />
              </label>
              <button type="submit" className="primary" data-testid="setup-enroll">
                {t('setup.enroll.submit')}
              </button>
            </form>
          )}
          <div className="setup-nav">
            <button type="button" onClick={() => go('language')}>
              {t('setup.back')}
            </button>
            {/* Working offline is allowed, but it is not the recommended way: a quiet link, not a button as strong as "Enroll". */}
            <button
              type="button"
              data-testid="setup-next"
              className={state.upload.enrolled || state.upload.offlineSetup ? 'primary' : 'link-button quiet'}
              onClick={() => go('venue')}
            >
              {state.upload.enrolled || state.upload.offlineSetup ? t('setup.next') : t('setup.enroll.skip')}
            </button>
          </div>
        </section>
      ) : null}

      {step === 'venue' ? (
        <SetupStepForm
          title={t('setup.venue')}
          t={t}
          onBack={() => go('enroll')}
          onSubmit={() => {
            void check(
              connection.updateSettings({
                venueName: venue.venueName,
                kioskMode: venue.kioskMode,
                directionMode: venue.directionMode,
              }),
            ).then((ok) => ok && go('privacy'));
          }}
        >
          <label>
            {t('settings.venueName')}
            <input
              value={venue.venueName}
              maxLength={120}
              onChange={(e) => setVenue({ ...venue, venueName: e.target.value })}
              data-testid="setup-venue-name"
            />
          </label>
          <fieldset>
            <legend>{t('settings.kioskMode')}</legend>
            {KIOSK_MODES.map((mode) => (
              <label key={mode} className="radio">
                <input
                  type="radio"
                  name="mode"
                  checked={venue.kioskMode === mode}
                  onChange={() => setVenue({ ...venue, kioskMode: mode })}
                  data-testid={`setup-mode-${mode}`}
                />
                {t(`settings.kioskMode.${mode}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('counter.direction')}</legend>
            {SETUP_DIRECTION_MODES.map((mode) => (
              <label key={mode} className="radio">
                <input
                  type="radio"
                  name="direction"
                  checked={venue.directionMode === mode}
                  onChange={() => setVenue({ ...venue, directionMode: mode })}
                />
                <span>
                  <strong>{t(`counter.mode.${mode}`)}</strong>
                  <span className="choice-help"> — {t(`counter.mode.${mode}.help`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </SetupStepForm>
      ) : null}

      {step === 'privacy' ? (
        <SetupStepForm
          title={t('setup.privacy')}
          t={t}
          onBack={() => go('venue')}
          onSubmit={() => {
            void check(
              connection.updateSettings({ privacyProfile: venue.privacyProfile, retentionDays: venue.retentionDays }),
            ).then((ok) => ok && go('pin'));
          }}
        >
          {PRIVACY_PROFILES.map((profile) => (
            <label key={profile} className="radio">
              <input
                type="radio"
                name="privacy"
                checked={venue.privacyProfile === profile}
                onChange={() => setVenue({ ...venue, privacyProfile: profile })}
              />
              {t(`settings.privacy.${profile}`)}
            </label>
          ))}
          <label>
            {t('settings.retentionDays')}
            <input
              type="number"
              min={1}
              max={365}
              value={venue.retentionDays}
              onChange={(e) => setVenue({ ...venue, retentionDays: Number(e.target.value) })}
            />
          </label>
          <p className="settings-note" data-testid="setup-privacy-note">
            {t(venue.privacyProfile === 'full' ? 'privacy.full' : 'privacy.minimal', { days: venue.retentionDays })}
          </p>
        </SetupStepForm>
      ) : null}

      {step === 'pin' ? (
        <SetupStepForm
          title={t('setup.pin')}
          t={t}
          onBack={() => go('privacy')}
          onSubmit={() => {
            // A PIN IT set already (KIOSK_ADMIN_PIN) is kept when no new one is typed; changing it takes the current one.
            const setByOthers = state.adminPinSet && pinSetHere === null;
            if (setByOthers && !pin.first && !pin.second) return go('test');
            if (pin.first !== pin.second) return setError(t('setup.pin.mismatch'));
            if (!/^\d{4,8}$/.test(pin.first)) return setError(t('setup.pin.rule'));
            // The PIN set on this step first: the kiosk's state may not have caught up with it yet.
            const currentPin = pinSetHere ?? (state.adminPinSet ? pin.current : undefined);
            void check(connection.setAdminPin({ newPin: pin.first, currentPin })).then((ok) => {
              if (!ok) return;
              setPinSetHere(pin.first);
              go('test');
            });
          }}
        >
          {state.adminPinSet && pinSetHere === null ? (
            <>
              {/* Only a PIN IT set is called IT's: one the owner set before a reload is theirs. */}
              <p className="setup-hint" data-testid="setup-pin-already" data-set-by={state.adminPinSetBy ?? 'unknown'}>
                {t(state.adminPinSetBy === 'it' ? 'setup.pin.already' : 'setup.pin.kept')}
              </p>
              <p className="setup-wide">{t('setup.pin.rule')}</p>
              <PinField
                label={t('admin.pin.current')}
                value={pin.current}
                onChange={(current) => setPin({ ...pin, current })}
                testId="setup-pin-current"
                shown={showPin}
              />
            </>
          ) : (
            <p>{t('setup.pin.rule')}</p>
          )}
          <PinField
            label={t('admin.pin.new')}
            value={pin.first}
            onChange={(first) => setPin({ ...pin, first })}
            testId="setup-pin-1"
            shown={showPin}
          />
          <PinField
            label={t('setup.pin.again')}
            value={pin.second}
            onChange={(second) => setPin({ ...pin, second })}
            testId="setup-pin-2"
            shown={showPin}
          />
          <label className="radio">
            <input
              type="checkbox"
              checked={showPin}
              onChange={(e) => setShowPin(e.target.checked)}
              data-testid="setup-pin-show"
            />
            {t('setup.pin.show')}
          </label>
        </SetupStepForm>
      ) : null}

      {step === 'test' ? (
        <section className="setup-step">
          <h2>{t('setup.test')}</h2>
          <ScannerTestPanel result={result} scanners={state.scanners} t={t} formatTime={formatTime} />
          {result?.outcome === 'tested' ? null : (
            <p className="setup-hint" data-testid="setup-finish-hint">
              {t('setup.finish.hint')}
            </p>
          )}
          <div className="setup-nav">
            <button type="button" onClick={() => go('pin')}>
              {t('setup.back')}
            </button>
            <span className="setup-nav-end">
              {result?.outcome === 'tested' ? null : (
                <button
                  type="button"
                  className="link-button quiet"
                  data-testid="setup-finish-untested"
                  onClick={finish}
                >
                  {t('setup.finish.without')}
                </button>
              )}
              <button
                type="button"
                className="primary"
                data-testid="setup-finish"
                disabled={result?.outcome !== 'tested'}
                onClick={finish}
              >
                {t('setup.finish')}
              </button>
            </span>
          </div>
        </section>
      ) : null}
    </main>
  );
}
