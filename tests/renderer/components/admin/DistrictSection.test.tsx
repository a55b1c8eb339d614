// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadStatus } from '../../../../shared/kioskStatus';
import { DistrictSection } from '../../../../renderer/components/admin/DistrictSection';
import { translator } from '../../../../renderer/messages';

afterEach(cleanup);
const t = translator('en');
const upload: UploadStatus = {
  enrolled: false,
  venueName: null,
  venueType: null,
  pendingCount: 4,
  oldestPendingAt: null,
  stalePendingCount: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  nextAttemptAt: null,
  clockOffsetMs: null,
  rejectedCount: 0,
};

describe('DistrictSection', () => {
  it('offers enrollment while not enrolled and hands over the code and the kiosk name, with no server address when none is typed', () => {
    const onEnroll = vi.fn(() => Promise.resolve(true));
    const onSendNow = vi.fn();
    render(
      <DistrictSection
        upload={upload}
        t={t}
        formatTime={() => '08:00'}
        deviceName="vm"
        onSendNow={onSendNow}
        onEnroll={onEnroll}
      />,
    );
    fireEvent.change(screen.getByLabelText('Enrollment code'), { target: { value: 'KIOSK-ENROLL:ABCDEFGHJK' } });
    fireEvent.change(screen.getByLabelText('Name of this kiosk (as the district sees it)'), {
      target: { value: 'Quầy vé 2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enroll' }));
    expect(onEnroll).toHaveBeenCalledWith({
      code: 'KIOSK-ENROLL:ABCDEFGHJK',
      serverUrl: undefined,
      deviceName: 'Quầy vé 2',
    });
    fireEvent.click(screen.getByTestId('send-now'));
    expect(onSendNow).toHaveBeenCalledTimes(1);
  });

  it('once enrolled, hides the form behind "Enroll again", which a revoked kiosk uses for a new code; says how many scans stay here', async () => {
    const onEnroll = vi.fn(() => Promise.resolve(true));
    render(
      <DistrictSection
        upload={{
          ...upload,
          enrolled: true,
          venueName: 'Cảng Lý Sơn',
          lastError: { code: 'revoked', status: 403 },
          keptUnsentCount: 3,
        }}
        t={t}
        formatTime={() => '08:00'}
        deviceName="Quầy 1"
        onSendNow={vi.fn()}
        onEnroll={onEnroll}
      />,
    );
    expect(screen.queryByTestId('enroll-form')).toBeNull();
    expect(screen.getByTestId('upload-kept').textContent).toBe(
      '3 unsent scans kept on this kiosk, not sent to the district (CSV export)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Enroll again' }));
    expect((screen.getByLabelText('Name of this kiosk (as the district sees it)') as HTMLInputElement).value).toBe(
      'Quầy 1',
    );
    fireEvent.change(screen.getByLabelText('Enrollment code'), { target: { value: 'MNPQRSTVWX' } });
    fireEvent.submit(screen.getByTestId('enroll-form'));
    expect(onEnroll).toHaveBeenCalledWith({ code: 'MNPQRSTVWX', serverUrl: undefined, deviceName: 'Quầy 1' });
    // Enrolled: the form closes.
    await waitFor(() => expect(screen.queryByTestId('enroll-form')).toBeNull());
  });
});
