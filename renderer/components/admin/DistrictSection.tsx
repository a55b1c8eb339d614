import { useState } from 'react';
import type { EnrollInput } from '../../../shared/contract';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { Translate } from '../../messages';
import { UploadStatusLine } from '../UploadStatusLine';
import { AdminSection } from './AdminSection';

export interface DistrictSectionProps {
  readonly upload: UploadStatus;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  readonly onSendNow: () => void;
  readonly onEnroll: (input: EnrollInput) => void;
}

/**
 * The district connection: upload status, send now, and enrollment while not enrolled. Keeps only
 * what is being typed into the enrollment form, as {@link PinPad} does.
 */
export function DistrictSection({ upload, t, formatTime, onSendNow, onEnroll }: DistrictSectionProps) {
  const [code, setCode] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  return (
    <AdminSection id="district" title={t('admin.district')}>
      <UploadStatusLine status={upload} t={t} formatTime={formatTime} />
      <button type="button" onClick={onSendNow} data-testid="send-now">
        {t('admin.sendNow')}
      </button>
      {upload.enrolled ? null : (
        <form
          className="enroll-form"
          onSubmit={(event) => {
            event.preventDefault();
            onEnroll({ code, serverUrl: serverUrl || undefined });
          }}
        >
          <label>
            {t('setup.enroll.code')}
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <label>
            {t('setup.enroll.server')}
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="192.168.1.10:8700" />
          </label>
          <button type="submit">{t('setup.enroll.submit')}</button>
        </form>
      )}
    </AdminSection>
  );
}
