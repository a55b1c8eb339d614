// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sailing } from '../../../shared/kioskSailings';
import { departureToday, SailingControl } from '../../../renderer/components/SailingControl';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);
const t = translator('vi');
const NOW = Date.parse('2026-11-25T01:00:00.000Z');
const sailing = (change: Partial<Sailing> = {}): Sailing => ({
  id: '0190a000-0000-7000-8000-00000000aaaa',
  label: 'Tàu 07:30',
  route: 'Sa Kỳ → Lý Sơn',
  departsAt: '2026-11-25T00:30:00.000Z',
  seats: 40,
  state: 'boarding',
  createdAt: '2026-11-25T00:00:00.000Z',
  closedAt: null,
  onBoard: 12,
  refused: 0,
  ...change,
});
const handlers = () => ({
  onPick: vi.fn(),
  onOpen: vi.fn(async () => null),
  onClose: vi.fn(),
  onReopen: vi.fn(),
});

describe('SailingControl', () => {
  it('shows the current sailing against its seats, red and saying stop once full', () => {
    const calls = handlers();
    const { rerender } = render(
      <SailingControl
        sailing={sailing()}
        sailings={[sailing()]}
        t={t}
        formatClock={() => '07:30'}
        now={NOW}
        {...calls}
      />,
    );
    expect(screen.getByTestId('onboard-count').textContent).toBe('Đã lên tàu: 12 / 40');
    expect(screen.queryByTestId('sailing-full')).toBeNull();
    const full = sailing({ onBoard: 40, refused: 2 });
    rerender(
      <SailingControl sailing={full} sailings={[full]} t={t} formatClock={() => '07:30'} now={NOW} {...calls} />,
    );
    expect(screen.getByTestId('sailing-status').className).toContain('sailing-full');
    expect(screen.getByTestId('sailing-full').textContent).toBe('TÀU ĐÃ ĐỦ CHỖ: không cho thêm người lên');
    expect(screen.getByTestId('sailing-refused').textContent).toBe('Từ chối vì đủ chỗ: 2');
    fireEvent.click(screen.getByTestId('close-sailing'));
    expect(calls.onClose).toHaveBeenCalledWith(full);
  });

  it('offers boarding sailings to pick, and a sailing closed minutes ago to reopen, not one closed long ago', () => {
    const calls = handlers();
    const closedNow = sailing({
      id: '0190a000-0000-7000-8000-00000000bbbb',
      label: 'Tàu 06:00',
      state: 'closed',
      closedAt: '2026-11-25T00:57:00.000Z',
    });
    const closedLong = sailing({
      id: '0190a000-0000-7000-8000-00000000cccc',
      label: 'Tàu 05:00',
      state: 'closed',
      closedAt: '2026-11-25T00:50:00.000Z',
    });
    render(
      <SailingControl
        sailing={null}
        sailings={[sailing(), closedNow, closedLong]}
        t={t}
        formatClock={() => '07:30'}
        now={NOW}
        {...calls}
      />,
    );
    expect(screen.getByTestId('sailing-none')).toBeTruthy();
    const options = [...screen.getByTestId('sailing-pick').querySelectorAll('option')].map((option) => option.value);
    expect(options).toEqual(['', sailing().id]);
    fireEvent.change(screen.getByTestId('sailing-pick'), { target: { value: sailing().id } });
    expect(calls.onPick).toHaveBeenCalledWith(sailing().id);
    const reopen = screen.getAllByTestId('sailing-reopen');
    expect(reopen.map((button) => button.textContent)).toEqual(['Mở lại chuyến Tàu 06:00 (trong 5 phút)']);
    fireEvent.click(reopen[0]);
    expect(calls.onReopen).toHaveBeenCalledWith(closedNow);
  });

  it('opens a new sailing with its departure today, and says what is missing', async () => {
    const calls = handlers();
    render(<SailingControl sailing={null} sailings={[]} t={t} formatClock={() => ''} now={NOW} {...calls} />);
    fireEvent.click(screen.getByTestId('sailing-new'));
    fireEvent.change(screen.getByTestId('sailing-label'), { target: { value: ' Tàu 13:00 ' } });
    fireEvent.click(screen.getByTestId('sailing-open'));
    await waitFor(() => expect(screen.getByTestId('sailing-error').textContent).toContain('Cần tên chuyến'));
    expect(calls.onOpen).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('sailing-departure'), { target: { value: '13:00' } });
    fireEvent.change(screen.getByTestId('sailing-seats'), { target: { value: '4x0' } });
    fireEvent.click(screen.getByTestId('sailing-open'));
    await waitFor(() => expect(screen.queryByTestId('sailing-form')).toBeNull());
    expect(calls.onOpen).toHaveBeenCalledWith({
      label: 'Tàu 13:00',
      route: undefined,
      departsAt: departureToday('13:00', new Date(NOW)),
      seats: 40,
    });
  });
});

describe('departureToday', () => {
  it('turns HH:MM into today at that local time, and refuses what is not a time', () => {
    const at = departureToday('07:30', new Date(NOW));
    expect(at && new Date(at).getHours()).toBe(7);
    expect(at && new Date(at).getMinutes()).toBe(30);
    expect(departureToday('24:00', new Date(NOW))).toBeNull();
    expect(departureToday('7h30', new Date(NOW))).toBeNull();
  });
});
