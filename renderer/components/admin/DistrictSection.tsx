import { useEffect, useState } from 'react';
import type { EnrollInput } from '../../../shared/contract';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { Translate } from '../../messages';
import { attachWedgeCapture } from '../../wedgeCapture';
import { UploadStatusLine } from '../UploadStatusLine';
import { AdminSection } from './AdminSection';

export interface DistrictSectionProps {
  readonly upload: UploadStatus;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** The name this kiosk enrolls under unless the owner changes it (the one before, else the PC's host name). */
  readonly deviceName: string;
  readonly onSendNow: () => void;
  /** Resolves true when the kiosk enrolled (the form then closes). */
  readonly onEnroll: (input: EnrollInput) => Promise<boolean>;
}

/**
 * The district connection: upload status, send now, and the enrollment form: open while not
 * enrolled, behind "Enroll again" once enrolled (a revoked or moved kiosk takes a new code here).
 * Keeps only what is being typed into the form, as {@link PinPad} does; while the form is open, a
 * scanned setup-sheet QR fills the code (as on the setup wizard's enrollment step).
 */
export function DistrictSection({ upload, t, formatTime, deviceName, onSendNow, onEnroll }: DistrictSectionProps) {
  const [reenrolling, setReenrolling] = useState(false);
  const [code, setCode] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [name, setName] = useState(deviceName);
  const formOpen = !upload.enrolled || reenrolling;
  useEffect(() => {
    if (!formOpen) return undefined;
    return attachWedgeCapture((scan) => setCode(scan.text));
  }, [formOpen]);
  const kept = upload.keptUnsentCount ?? 0;
  return (
    <AdminSection id="district" title={t('admin.district')}>
      <UploadStatusLine status={upload} t={t} formatTime={formatTime} />
      {kept > 0 ? (
        <p className="upload-kept" data-testid="upload-kept">
          {t('upload.kept', { count: kept })}
        </p>
      ) : null}
      <div className="district-actions">
        <button type="button" onClick={onSendNow} data-testid="send-now">
          {t('admin.sendNow')}
        </button>
        {upload.enrolled && !reenrolling ? (
          <button type="button" onClick={() => setReenrolling(true)} data-testid="reenroll">
            {t('admin.reenroll')}
          </button>
        ) : null}
      </div>
      {formOpen ? (
        <form
          className="enroll-form"
          data-testid="enroll-form"
          onSubmit={(event) => {
            event.preventDefault();
            void onEnroll({ code, serverUrl: serverUrl || undefined, deviceName: name.trim() || undefined }).then(
              (enrolled) => {
                if (!enrolled) return;
                setReenrolling(false);
                setCode('');
              },
            );
          }}
        >
          {upload.enrolled ? <p className="enroll-hint">{t('admin.reenroll.hint')}</p> : null}
          <label>
            {t('setup.enroll.code')}
            <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="enroll-code" />
          </label>
          <label>
            {t('setup.enroll.server')}
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="192.168.1.10:8700" />
          </label>
          <label>
            {t('setup.enroll.deviceName')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="enroll-name" />
          </label>
          <div className="district-actions">
            <button type="submit" className="primary" data-testid="enroll-submit">
              {upload.enrolled ? t('admin.reenroll') : t('setup.enroll.submit')}
            </button>
            {reenrolling ? (
              <button type="button" onClick={() => setReenrolling(false)}>
                {t('admin.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </AdminSection>
  );
}
