// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/kioskSettings';
import { CounterTools } from '../../../renderer/components/CounterTools';
import { LastScanCorrection } from '../../../renderer/components/LastScanCorrection';
import { PinPad } from '../../../renderer/components/PinPad';
import { UploadBanner } from '../../../renderer/components/UploadBanner';
import { UploadStatusLine } from '../../../renderer/components/UploadStatusLine';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);
const t = translator('vi');

describe('CounterTools', () => {
  it('shows the current direction pressed and reports a new one and the sailing', () => {
    const onDirectionMode = vi.fn();
    const onContextLabel = vi.fn();
    render(
      <CounterTools
        settings={{ ...DEFAULT_SETTINGS, directionMode: 'in' }}
        insideCount={7}
        t={t}
        onDirectionMode={onDirectionMode}
        onContextLabel={onContextLabel}
      />,
    );
    expect(screen.getByTestId('direction-in').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('inside-count').textContent).toBe('Đang ở bên trong: 7');
    fireEvent.click(screen.getByTestId('direction-out'));
    expect(onDirectionMode).toHaveBeenCalledWith('out');
    fireEvent.change(screen.getByTestId('context-input'), { target: { value: '  Tàu 07:30  ' } });
    fireEvent.click(screen.getByTestId('context-save'));
    expect(onContextLabel).toHaveBeenCalledWith('Tàu 07:30', null);
    fireEvent.change(screen.getByTestId('capacity-input'), { target: { value: '12a0' } });
    fireEvent.click(screen.getByTestId('context-save'));
    expect(onContextLabel).toHaveBeenLastCalledWith('Tàu 07:30', 120);
    fireEvent.change(screen.getByTestId('context-input'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('context-save'));
    expect(onContextLabel).toHaveBeenLastCalledWith(null, null);
  });

  it('counts the sailing against its seats, says when it is full or over, and closes it', () => {
    const onCloseSailing = vi.fn();
    const settings = { ...DEFAULT_SETTINGS, contextLabel: 'Tàu 07:30', sailingCapacity: 120 };
    const { rerender } = render(
      <CounterTools
        settings={settings}
        insideCount={0}
        contextCount={45}
        t={t}
        onDirectionMode={vi.fn()}
        onContextLabel={vi.fn()}
        onCloseSailing={onCloseSailing}
      />,
    );
    expect(screen.getByTestId('onboard-count').textContent).toBe('Đã lên tàu: 45 / 120');
    rerender(
      <CounterTools
        settings={settings}
        insideCount={0}
        contextCount={120}
        t={t}
        onDirectionMode={vi.fn()}
        onContextLabel={vi.fn()}
        onCloseSailing={onCloseSailing}
      />,
    );
    expect(screen.getByTestId('onboard-count').textContent).toContain('ĐÃ ĐỦ CHỖ');
    rerender(
      <CounterTools
        settings={settings}
        insideCount={0}
        contextCount={123}
        t={translator('en')}
        onDirectionMode={vi.fn()}
        onContextLabel={vi.fn()}
        onCloseSailing={onCloseSailing}
      />,
    );
    expect(screen.getByTestId('onboard-count').textContent).toBe('On board: 123 of 120 · OVER BY 3');
    fireEvent.click(screen.getByTestId('close-sailing'));
    expect(onCloseSailing).toHaveBeenCalled();
  });
});

describe('LastScanCorrection', () => {
  it('offers undo and the other direction for the last scan, and nothing without one', () => {
    const onUndo = vi.fn();
    const onFlip = vi.fn();
    const scan = {
      scanId: 'a',
      at: '2026-11-25T01:00:00.000Z',
      outcome: 'recorded',
      direction: 'in',
      kind: 'cccd',
      reason: null,
      displayName: 'Phạm Thị Hồng',
      maskedId: '••••••••0123',
      contextLabel: null,
    } as const;
    const { rerender, container } = render(
      <LastScanCorrection scan={scan} t={t} formatTime={() => '08:00:00'} onUndo={onUndo} onFlip={onFlip} />,
    );
    expect(screen.getByTestId('correction').textContent).toContain('08:00:00 · Vào · Phạm Thị Hồng');
    expect(screen.getByTestId('flip-last').textContent).toBe('Đổi thành Ra');
    fireEvent.click(screen.getByTestId('undo-last'));
    fireEvent.click(screen.getByTestId('flip-last'));
    expect(onUndo).toHaveBeenCalledOnce();
    expect(onFlip).toHaveBeenCalledOnce();
    rerender(<LastScanCorrection scan={null} t={t} formatTime={() => '08:00:00'} onUndo={onUndo} onFlip={onFlip} />);
    expect(container.textContent).toBe('');
  });
});

describe('PinPad', () => {
  it('takes digits only, from keys or buttons, and hands the PIN over', () => {
    const onSubmit = vi.fn();
    render(<PinPad title="PIN" error="Sai mã PIN." t={t} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByTestId('pin-input'), { target: { value: '2a4x' } });
    expect((screen.getByTestId('pin-input') as HTMLInputElement).value).toBe('24');
    fireEvent.click(screen.getByText('6'));
    fireEvent.click(screen.getByText('8'));
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect(onSubmit).toHaveBeenCalledWith('2468');
    expect(screen.getByTestId('pin-error').textContent).toBe('Sai mã PIN.');
  });
});

describe('UploadStatusLine', () => {
  const status = {
    enrolled: true,
    venueName: 'Cảng Lý Sơn',
    venueType: 'port',
    pendingCount: 12,
    oldestPendingAt: null,
    stalePendingCount: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextAttemptAt: null,
    clockOffsetMs: null,
    rejectedCount: 0,
  };
  it('says in words what is pending and what went wrong', () => {
    const { rerender } = render(
      <UploadStatusLine status={{ ...status, enrolled: false }} t={t} formatTime={() => '08:00'} />,
    );
    expect(screen.getByTestId('upload-status').textContent).toContain('Chưa đăng ký với huyện');
    rerender(
      <UploadStatusLine
        status={{ ...status, lastError: { code: 'offline', status: null }, stalePendingCount: 3 }}
        t={t}
        formatTime={() => '08:00'}
      />,
    );
    const text = screen.getByTestId('upload-status').textContent ?? '';
    expect(text).toContain('Chưa gửi: 12');
    expect(text).toContain('Không có mạng; sẽ tự gửi lại');
    expect(text).toContain('3 lượt quét đã quá hạn lưu');
  });

  it('never says "all sent" and "never sent" together', () => {
    const { rerender } = render(
      <UploadStatusLine status={{ ...status, pendingCount: 0 }} t={t} formatTime={() => '08:00'} />,
    );
    expect(screen.getByTestId('upload-status').textContent).toBe('Chưa có lượt quét nào cần gửi');
    rerender(
      <UploadStatusLine
        status={{ ...status, pendingCount: 0, lastSuccessAt: '2026-11-25T01:00:00Z' }}
        t={t}
        formatTime={() => '08:00'}
      />,
    );
    expect(screen.getByTestId('upload-status').textContent).toBe('Đã gửi hết lên huyện · Gửi lần cuối: 08:00');
  });
});

describe('UploadBanner', () => {
  const status = {
    enrolled: true,
    venueName: 'Cảng Lý Sơn',
    venueType: 'port',
    pendingCount: 40,
    oldestPendingAt: '2026-11-25T01:00:00Z',
    stalePendingCount: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: { code: 'offline', status: null },
    nextAttemptAt: null,
    clockOffsetMs: null,
    rejectedCount: 0,
  } as const;
  it('shows offline with the waiting count, then how many hours nothing was sent; nothing when all is sent', () => {
    const at = Date.parse('2026-11-25T01:10:00Z');
    const { rerender, container } = render(<UploadBanner status={status} now={at} t={t} />);
    expect(screen.getByTestId('upload-banner').textContent).toContain('Không có mạng');
    expect(screen.getByTestId('upload-banner').textContent).toContain('40 lượt quét đang chờ');
    rerender(<UploadBanner status={status} now={at + 5 * 3_600_000} t={t} />);
    expect(screen.getByTestId('upload-banner').textContent).toBe(
      'Đã 5 giờ chưa gửi được lên huyện: 40 lượt quét đang chờ.',
    );
    rerender(<UploadBanner status={{ ...status, pendingCount: 0 }} now={at} t={t} />);
    expect(container.textContent).toBe('');
  });

  it('does not promise to send by itself what a person must unblock (a revoked kiosk)', () => {
    const at = Date.parse('2026-11-25T01:10:00Z');
    render(<UploadBanner status={{ ...status, lastError: { code: 'revoked', status: 403 } }} now={at} t={t} />);
    const text = screen.getByTestId('upload-banner').textContent ?? '';
    expect(text).toContain('đã bị thu hồi quyền gửi');
    expect(text).not.toContain('tự gửi lại');
  });
});
