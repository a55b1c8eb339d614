// @vitest-environment jsdom
/** Console components with Testing Library: the QR reads back, the chart and statuses say what they show. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../console/api';
import { DailyChart } from '../../console/components/DailyChart';
import { ErrorLine } from '../../console/components/Feedback';
import { QrSvg } from '../../console/components/QrSvg';
import { VenueStatus } from '../../console/components/VenueStatus';
import { translator } from '../../console/messages';
import { CreateVenueRequestSchema, type VenueSummary } from '../../shared/console';
import { HttpError } from '../../server/http/HttpError';
import { parseOrThrow } from '../../server/http/parse';

afterEach(cleanup);
const t = translator('vi');

describe('console components', () => {
  it("says which fields the server refused in the page's language, never the validator's English", () => {
    let refused: HttpError | null = null;
    try {
      parseOrThrow(CreateVenueRequestSchema, { name: '   ', type: 'port', area: 'x'.repeat(81) }, 'venue');
    } catch (error) {
      refused = error as HttpError;
    }
    expect(refused?.message).toMatch(/Too small/);
    const error = new ApiError(400, 'invalid-request', 'error.invalid-request', {}, refused?.fields ?? []);
    const { rerender } = render(<ErrorLine error={error} t={t} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Thông tin chưa hợp lệ: Tên (để trống hoặc quá ngắn); Xã / phường (quá dài)',
    );
    rerender(<ErrorLine error={error} t={translator('en')} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Please check the form: Name (empty or too short); Commune / ward (too long)',
    );
  });

  it('draws a QR as SVG squares with its accessible name', () => {
    render(<QrSvg text="KIOSK-ENROLL:4HBKETK5KQ@https://kiosk.huyen.example.gov.vn" label="Mã QR" />);
    const svg = screen.getByRole('img', { name: 'Mã QR' });
    expect(svg.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
  });

  it('charts each day with its count and says the range in words', () => {
    render(
      <DailyChart
        days={[
          { day: '2026-11-24', scans: 3 },
          { day: '2026-11-25', scans: 0 },
        ]}
        language="vi"
        t={t}
      />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Biểu đồ cột: lượt quét mỗi ngày từ 24/11/2026 đến 25/11/2026, nhiều nhất 3',
    );
    expect([...document.querySelectorAll('[data-day]')].map((g) => g.getAttribute('data-scans'))).toEqual(['3', '0']);
    expect(screen.getByText('24/11')).toBeTruthy();
  });

  it('calls a venue silent for 7 days, new without scans yet, silent today, scanning, with no device reporting, or retired', () => {
    const now = new Date('2026-11-25T03:00:00.000Z');
    const venue: VenueSummary = {
      id: 'v',
      name: 'Cảng',
      type: 'port',
      area: null,
      address: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      retiredAt: null,
      lastUploadAt: null,
      scansToday: 0,
      scans7Days: 0,
      activeDevices: 1,
      // Its kiosk reported 2 minutes ago (an empty batch: the heartbeat).
      lastReportAt: '2026-11-25T02:58:00.000Z',
    };
    const { rerender } = render(<VenueStatus venue={venue} t={t} now={now} />);
    expect(screen.getByText('Im lặng 7 ngày')).toBeTruthy();
    // Registered a minute ago: not "silent for 7 days".
    rerender(<VenueStatus venue={{ ...venue, createdAt: '2026-11-25T02:59:00.000Z' }} t={t} now={now} />);
    expect(screen.getByText('Chưa có lượt quét nào')).toBeTruthy();
    rerender(<VenueStatus venue={{ ...venue, scans7Days: 4 }} t={t} now={now} />);
    expect(screen.getByText('Chưa quét hôm nay')).toBeTruthy();
    rerender(<VenueStatus venue={{ ...venue, scans7Days: 4, scansToday: 1 }} t={t} now={now} />);
    expect(screen.getByText('Đang quét')).toBeTruthy();
    // Scans today, but its only kiosk has not reported for 20 minutes (switched off), or was revoked: not "scanning".
    const scanned = { ...venue, scans7Days: 4, scansToday: 1 };
    rerender(<VenueStatus venue={{ ...scanned, lastReportAt: '2026-11-25T02:40:00.000Z' }} t={t} now={now} />);
    expect(screen.getByText('Không máy nào báo về')).toBeTruthy();
    rerender(<VenueStatus venue={{ ...scanned, activeDevices: 0 }} t={t} now={now} />);
    expect(screen.getByText('Không máy nào báo về')).toBeTruthy();
    rerender(<VenueStatus venue={{ ...scanned, lastReportAt: null }} t={t} now={now} />);
    expect(screen.getByText('Không máy nào báo về')).toBeTruthy();
    rerender(<VenueStatus venue={{ ...venue, retiredAt: '2026-11-25T00:00:00.000Z' }} t={t} now={now} />);
    expect(screen.getByText('Ngừng hoạt động')).toBeTruthy();
  });
});
