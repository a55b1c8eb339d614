// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
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
  it('offers enrollment while not enrolled and hands over the code, with no server address when none is typed', () => {
    const onEnroll = vi.fn();
    const onSendNow = vi.fn();
    const { rerender } = render(
      <DistrictSection upload={upload} t={t} formatTime={() => '08:00'} onSendNow={onSendNow} onEnroll={onEnroll} />,
    );
    fireEvent.change(screen.getByLabelText('Enrollment code'), { target: { value: 'KIOSK-ENROLL:ABCDEFGHJK' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enroll' }));
    expect(onEnroll).toHaveBeenCalledWith({ code: 'KIOSK-ENROLL:ABCDEFGHJK', serverUrl: undefined });
    fireEvent.click(screen.getByTestId('send-now'));
    expect(onSendNow).toHaveBeenCalledTimes(1);

    rerender(
      <DistrictSection
        upload={{ ...upload, enrolled: true, venueName: 'Cảng Lý Sơn' }}
        t={t}
        formatTime={() => '08:00'}
        onSendNow={onSendNow}
        onEnroll={onEnroll}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Enroll' })).toBeNull();
  });
});
