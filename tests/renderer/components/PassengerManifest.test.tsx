// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/kioskScans';
import { PassengerManifest } from '../../../renderer/components/PassengerManifest';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);

const entries = Array.from({ length: 85 }, (_, index) => ({
  scanId: `scan-${index}`,
  at: '2026-11-25T00:30:00.000Z',
  displayName: index === 84 ? null : `Hành khách ${index + 1}`,
  maskedId: index === 84 ? null : `••••••••${String(1000 + index)}`,
  birthYear: index === 84 ? null : '1988',
  kind: index === 84 ? ('other' as const) : ('cccd' as const),
  source: 'wedge' as const,
  codeText: index === 84 ? 'VE-0085' : null,
}));
const manifest: Manifest = {
  venueName: 'Cảng Sa Kỳ',
  venueAddress: 'Bình Sơn, Quảng Ngãi',
  venueType: 'port',
  contextLabel: 'Tàu 07:30 Sa Kỳ → Lý Sơn',
  day: '2026-11-25',
  madeAt: '2026-11-25T00:45:00.000Z',
  capacity: 120,
  entries,
};
const props = { formatTime: () => '07:30:00', formatDay: () => '25/11/2026', formatStamp: () => '07:45 25/11/2026' };

describe('PassengerManifest', () => {
  it('lists every passenger numbered, with the masked ID, birth year and ticket, the count against the seats and signature lines', () => {
    render(<PassengerManifest manifest={manifest} t={translator('vi')} {...props} />);
    const rows = screen.getByTestId('manifest-rows').querySelectorAll('tr');
    expect(rows).toHaveLength(85);
    expect([...rows[9].querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      '10',
      'Hành khách 10',
      '••••••••1009',
      '1988',
      'CCCD gắn chip',
      '07:30:00',
    ]);
    expect(rows[84].textContent).toContain('Vé VE-0085');
    expect(rows[84].textContent).not.toContain('Mã khác');
    const sheet = screen.getByTestId('manifest');
    expect(sheet.textContent).toContain('DANH SÁCH HÀNH KHÁCH');
    expect(sheet.textContent).toContain('Tàu 07:30 Sa Kỳ → Lý Sơn');
    expect(screen.getByTestId('manifest-count').textContent).toBe('Tổng số: 85 người / 120 chỗ');
    expect(sheet.textContent).toContain('Thuyền trưởng');
    expect(sheet.textContent).toContain('(Ký, ghi rõ họ tên)');
    const ids = [...rows].map((row) => row.querySelectorAll('td')[2].textContent ?? '');
    expect(ids.every((id) => id === '' || /^•+\d{4}$/.test(id))).toBe(true);
  });

  it('is a guest list at a hotel, in English when asked', () => {
    render(
      <PassengerManifest
        manifest={{ ...manifest, venueType: 'hotel', contextLabel: null, capacity: null, entries: entries.slice(0, 3) }}
        t={translator('en')}
        {...props}
      />,
    );
    expect(screen.getByTestId('manifest').dataset.kind).toBe('guests');
    expect(screen.getByTestId('manifest').textContent).toContain('GUEST LIST');
    expect(screen.getByTestId('manifest-count').textContent).toBe('Total: 3 people');
  });

  it('prints whole ID numbers under the full profile, the departure and route, and refused boardings apart', () => {
    const sailing = {
      id: '0190a000-0000-7000-8000-00000000aaaa',
      label: 'Tàu 07:30',
      route: 'Sa Kỳ → Lý Sơn',
      departsAt: '2026-11-25T00:30:00.000Z',
      seats: 2,
      state: 'closed' as const,
      closedAt: '2026-11-25T00:25:00.000Z',
    };
    const whole = entries.slice(0, 3).map((entry, index) => ({ ...entry, idNumber: `05109000${1000 + index}` }));
    render(
      <PassengerManifest
        manifest={{
          ...manifest,
          capacity: 2,
          sailing,
          fullIds: true,
          entries: whole.slice(0, 2),
          refusedEntries: [whole[2]],
        }}
        t={translator('vi')}
        {...props}
      />,
    );
    const rows = screen.getByTestId('manifest-rows').querySelectorAll('tr');
    expect([...rows].map((row) => row.querySelectorAll('td')[2].textContent)).toEqual(['051090001000', '051090001001']);
    expect(screen.getByTestId('manifest-refused-rows').querySelectorAll('tr')).toHaveLength(1);
    expect(screen.getByTestId('manifest-refused').textContent).toContain('051090001002');
    expect(screen.getByTestId('manifest-refused').textContent).toContain('Không được lên tàu: 1 người');
    expect(screen.getByTestId('manifest-route').textContent).toBe('Sa Kỳ → Lý Sơn');
    expect(screen.getByTestId('manifest-departure').textContent).toBe('07:45 25/11/2026');
    expect(screen.getByTestId('manifest-count').textContent).toBe('Tổng số: 2 người / 2 chỗ');
    expect(screen.getByTestId('manifest').textContent).toContain('Danh sách ghi đầy đủ số giấy tờ');
    expect(screen.getByTestId('manifest').textContent).toContain('Đại diện cảng, bến');
  });
});
