// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contract';
import { CounterTools } from '../../../renderer/components/CounterTools';
import { PinPad } from '../../../renderer/components/PinPad';
import { UploadStatusLine } from '../../../renderer/components/UploadStatusLine';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);
const t = translator('vi');

describe('CounterTools', () => {
  it('shows the current direction pressed and reports a new one and the sailing', () => {
    const onDirectionMode = vi.fn();
    const onContextLabel = vi.fn();
    render(<CounterTools settings={{ ...DEFAULT_SETTINGS, directionMode: 'in' }} insideCount={7} t={t} onDirectionMode={onDirectionMode} onContextLabel={onContextLabel} />);
    expect(screen.getByTestId('direction-in').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('inside-count').textContent).toBe('Đang ở bên trong: 7');
    fireEvent.click(screen.getByTestId('direction-out'));
    expect(onDirectionMode).toHaveBeenCalledWith('out');
    fireEvent.change(screen.getByTestId('context-input'), { target: { value: '  Tàu 07:30  ' } });
    fireEvent.click(screen.getByTestId('context-save'));
    expect(onContextLabel).toHaveBeenCalledWith('Tàu 07:30');
    fireEvent.change(screen.getByTestId('context-input'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('context-save'));
    expect(onContextLabel).toHaveBeenLastCalledWith(null);
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
  const status = { enrolled: true, venueName: 'Cảng Lý Sơn', venueType: 'port', pendingCount: 12, oldestPendingAt: null, stalePendingCount: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, nextAttemptAt: null, clockOffsetMs: null, rejectedCount: 0 };
  it('says in words what is pending and what went wrong', () => {
    const { rerender } = render(<UploadStatusLine status={{ ...status, enrolled: false }} t={t} formatTime={() => '08:00'} />);
    expect(screen.getByTestId('upload-status').textContent).toContain('Chưa đăng ký với huyện');
    rerender(<UploadStatusLine status={{ ...status, lastError: { code: 'offline', status: null }, stalePendingCount: 3 }} t={t} formatTime={() => '08:00'} />);
    const text = screen.getByTestId('upload-status').textContent ?? '';
    expect(text).toContain('Chưa gửi: 12');
    expect(text).toContain('Không có mạng; sẽ tự gửi lại');
    expect(text).toContain('3 lượt quét đã quá hạn lưu');
  });
});
