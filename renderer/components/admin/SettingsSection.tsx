import type { KioskSettings } from '../../../shared/kioskSettings';
import { translator, type MessageKey, type Translate } from '../../messages';
import { DIRECTION_MODES, KIOSK_MODES, PRIVACY_PROFILES, WEDGE_END_KEYS } from '../../settingsChoices';
import { ChoiceSelect } from '../ChoiceSelect';
import { AdminSection } from './AdminSection';

/** Changes one setting of the draft. */
export type SetSetting = <K extends keyof KioskSettings>(key: K, value: KioskSettings[K]) => void;

export interface SettingsSectionProps {
  /** The settings being edited; saved only by `onSave`. */
  readonly draft: KioskSettings;
  readonly t: Translate;
  readonly onChange: SetSetting;
  readonly onSave: () => void;
  /** Plays the tones at the draft's volume. */
  readonly onTestSound: () => void;
}

const STANDARD_QUESTIONS: readonly MessageKey[] = ['health.standard.1', 'health.standard.2', 'health.standard.3'];

/** Lines of a textarea as questions: trimmed, empty ones dropped, at most five. */
const questionLines = (text: string) =>
  text
    .split('\n')
    .map((q) => q.trim())
    .filter((q) => q.length > 0)
    .slice(0, 5);

/** Plain codes: the venue type's default (null), on or off. */
const PLAIN_CODE_CHOICES = ['auto', 'on', 'off'] as const;
type PlainCodeChoice = (typeof PLAIN_CODE_CHOICES)[number];
const plainCodeChoice = (value: boolean | null): PlainCodeChoice => (value === null ? 'auto' : value ? 'on' : 'off');
const plainCodeValue = (choice: PlainCodeChoice): boolean | null => (choice === 'auto' ? null : choice === 'on');

/** An emptied optional text field means "none". */
const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text);

/** The kiosk's settings as one form: venue, mode, direction, privacy, scanners and the poster. */
export function SettingsSection({ draft, t, onChange, onSave, onTestSound }: SettingsSectionProps) {
  return (
    <AdminSection id="settings" title={t('admin.settings')}>
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        <label>
          {t('settings.venueName')}
          <input
            value={draft.venueName}
            maxLength={120}
            onChange={(e) => onChange('venueName', e.target.value)}
            data-testid="settings-venue-name"
          />
        </label>
        <label>
          {t('settings.kioskMode')}
          <ChoiceSelect
            options={KIOSK_MODES}
            value={draft.kioskMode}
            words={(mode) => t(`settings.kioskMode.${mode}`)}
            onChange={(mode) => onChange('kioskMode', mode)}
            testId="settings-kiosk-mode"
          />
        </label>
        <label>
          {t('counter.direction')}
          <ChoiceSelect
            options={DIRECTION_MODES}
            value={draft.directionMode}
            words={(mode) => t(`counter.mode.${mode}`)}
            onChange={(mode) => onChange('directionMode', mode)}
          />
        </label>
        <label>
          {t('settings.privacy')}
          <ChoiceSelect
            options={PRIVACY_PROFILES}
            value={draft.privacyProfile}
            words={(profile) => t(`settings.privacy.${profile}`)}
            onChange={(profile) => onChange('privacyProfile', profile)}
          />
        </label>
        <label>
          {t('settings.retentionDays')}
          <input
            type="number"
            min={1}
            max={365}
            value={draft.retentionDays}
            onChange={(e) => onChange('retentionDays', Number(e.target.value))}
          />
        </label>
        <label>
          {t('settings.duplicateWindow')}
          <input
            type="number"
            min={0}
            max={86400}
            value={draft.duplicateWindowSeconds}
            onChange={(e) => onChange('duplicateWindowSeconds', Number(e.target.value))}
          />
        </label>
        <label>
          {t('settings.plainCodes')}
          <ChoiceSelect
            options={PLAIN_CODE_CHOICES}
            value={plainCodeChoice(draft.plainCodes)}
            words={(choice) => t(`settings.plainCodes.${choice}`)}
            onChange={(choice) => onChange('plainCodes', plainCodeValue(choice))}
            testId="settings-plain-codes"
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.hidEnabled}
            onChange={(e) => onChange('hidEnabled', e.target.checked)}
          />
          {t('settings.hid')}
        </label>
        <label>
          {t('settings.serial')}
          <input
            value={draft.serialPort ?? ''}
            placeholder="auto"
            onChange={(e) => onChange('serialPort', textOrNull(e.target.value))}
          />
        </label>
        <label>
          {t('settings.endKey')}
          <ChoiceSelect
            options={WEDGE_END_KEYS}
            value={draft.wedgeEndKey}
            words={(key) => t(`settings.endKey.${key}`)}
            onChange={(key) => onChange('wedgeEndKey', key)}
          />
        </label>
        <label>
          {t('settings.venueAddress')}
          <input
            value={draft.venueAddress ?? ''}
            maxLength={240}
            onChange={(e) => onChange('venueAddress', textOrNull(e.target.value))}
          />
        </label>
        <label>
          {t('settings.venueQr')}
          <input
            value={draft.venueQrText ?? ''}
            maxLength={1000}
            onChange={(e) => onChange('venueQrText', textOrNull(e.target.value))}
            data-testid="settings-venue-qr"
          />
        </label>
        <label className="wide">
          {t('settings.healthQuestions')}
          <textarea
            rows={3}
            value={draft.healthQuestions.join('\n')}
            data-testid="settings-health-questions"
            onChange={(e) => onChange('healthQuestions', questionLines(e.target.value))}
          />
        </label>
        <label className="wide">
          {t('settings.healthQuestionsEn')}
          <textarea
            rows={3}
            value={draft.healthQuestionsEn.join('\n')}
            data-testid="settings-health-questions-en"
            onChange={(e) => onChange('healthQuestionsEn', questionLines(e.target.value))}
          />
        </label>
        <button
          type="button"
          data-testid="settings-standard-questions"
          onClick={() => {
            onChange(
              'healthQuestions',
              STANDARD_QUESTIONS.map((key) => translator('vi')(key)),
            );
            onChange(
              'healthQuestionsEn',
              STANDARD_QUESTIONS.map((key) => translator('en')(key)),
            );
          }}
        >
          {t('settings.healthQuestions.standard')}
        </button>
        <label>
          {t('settings.soundVolume')} ({draft.soundVolume}%)
          <input
            type="range"
            min={0}
            max={100}
            step={10}
            value={draft.soundVolume}
            onChange={(e) => onChange('soundVolume', Number(e.target.value))}
            data-testid="settings-sound-volume"
          />
        </label>
        <button type="button" onClick={onTestSound} data-testid="settings-sound-test">
          {t('settings.soundTest')}
        </button>
        <p className="settings-note">
          {t(draft.privacyProfile === 'full' ? 'privacy.full' : 'privacy.minimal', { days: draft.retentionDays })}
        </p>
        <button type="submit" data-testid="settings-save">
          {t('admin.save')}
        </button>
      </form>
    </AdminSection>
  );
}
