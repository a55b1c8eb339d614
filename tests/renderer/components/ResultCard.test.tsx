// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanResult } from '../../../shared/kioskScans';
import { ResultCard } from '../../../renderer/components/ResultCard';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);

const base: ScanResult = {
  outcome: 'recorded',
  source: 'wedge',
  scanId: '0190f000-0000-7000-8000-000000000000',
  kind: 'cccd',
  direction: 'in',
  reason: null,
  problems: [],
  recovered: false,
  displayName: 'Phạm Thị Hồng',
  maskedId: '••••••••0123',
  at: '2026-11-25T01:00:00.000Z',
  contextLabel: 'Tàu 07:30 Sa Kỳ → Lý Sơn',
  counts: { day: '2026-11-25', in: 1, out: 0, refused: 0 },
};
const formatTime = () => '08:00:00';

describe('ResultCard', () => {
  it('shows a recorded visitor in green with name, masked ID and context', () => {
    render(<ResultCard result={base} serial={1} t={translator('vi')} formatTime={formatTime} />);
    const card = screen.getByTestId('result-card');
    expect(card.dataset.outcome).toBe('recorded');
    expect(card.className).toContain('tone-green');
    expect(card.textContent).toContain('Đã ghi nhận · Vào');
    expect(screen.getByTestId('result-name').textContent).toBe('Phạm Thị Hồng');
    expect(card.textContent).toContain('Tàu 07:30 Sa Kỳ → Lý Sơn');
  });

  it('says stop in red for a full boat: the person named, not boarded, the seats counted', () => {
    render(
      <ResultCard
        result={{ ...base, outcome: 'boat-full', boarding: { onBoard: 40, seats: 40 } }}
        serial={2}
        t={translator('vi')}
        formatTime={formatTime}
      />,
    );
    const card = screen.getByTestId('result-card');
    expect(card.className).toContain('tone-red');
    expect(card.querySelector('.result-title')?.textContent).toBe('Tàu đã đủ chỗ');
    expect(card.textContent).not.toContain('Đã ghi nhận');
    expect(screen.getByTestId('result-name').textContent).toBe('Phạm Thị Hồng');
    expect(screen.getByTestId('boat-full').textContent).toContain('KHÔNG cho lên tàu: đã đủ 40 chỗ');
    expect(screen.getByTestId('result-boarding').textContent).toBe('Trên tàu: 40 / 40');
  });

  it('shows markup inside a code as text, never as HTML', () => {
    const { container } = render(
      <ResultCard
        result={{ ...base, displayName: '<img src=x onerror=alert(1)>' }}
        serial={1}
        t={translator('vi')}
        formatTime={formatTime}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('result-name').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows a refusal in red with the reason and what to do, in English', () => {
    render(
      <ResultCard
        result={{
          ...base,
          outcome: 'refused',
          reason: 'keyboard-layout',
          displayName: null,
          maskedId: null,
          direction: null,
        }}
        serial={2}
        t={translator('en')}
        formatTime={formatTime}
      />,
    );
    const card = screen.getByTestId('result-card');
    expect(card.className).toContain('tone-red');
    expect(card.textContent).toContain('Set the scanner to US keyboard layout');
    expect(screen.queryByTestId('result-name')).toBeNull();
  });

  it('asks for the direction and reports the choice', () => {
    const choose = vi.fn();
    render(
      <ResultCard
        result={{ ...base, outcome: 'needs-direction', direction: null }}
        serial={3}
        t={translator('vi')}
        formatTime={formatTime}
        onChooseDirection={choose}
      />,
    );
    fireEvent.click(screen.getByText('Ra'));
    expect(choose).toHaveBeenCalledWith('out');
  });

  it('shows the idle prompt before any scan', () => {
    render(<ResultCard result={null} serial={0} t={translator('vi')} formatTime={formatTime} />);
    expect(screen.getByTestId('result-card').textContent).toContain('Mời quét mã');
  });
});

describe('ResultCard: what real scanners lost', () => {
  it('a CCCD whose name the wedge folded: green, the name as read, one line for staff on how to fix the scanner', () => {
    render(
      <ResultCard
        result={{ ...base, displayName: 'Do Van Minh', problems: ['letters-folded'] }}
        serial={1}
        t={translator('vi')}
        formatTime={formatTime}
      />,
    );
    expect(screen.getByTestId('result-card').className).toContain('tone-green');
    expect(screen.getByTestId('result-name').textContent).toBe('Do Van Minh');
    expect(screen.getByTestId('result-staff').textContent).toContain('không dấu');
    expect(screen.getByTestId('result-staff').textContent).toContain('HID POS');
  });

  it('a CCCD whose letters were dropped: green by its ID, the name unknown, the staff line says why', () => {
    render(
      <ResultCard
        result={{ ...base, displayName: null, problems: ['letters-dropped'] }}
        serial={1}
        t={translator('en')}
        formatTime={formatTime}
      />,
    );
    expect(screen.getByTestId('result-name').textContent).toBe(translator('en')('scan.name.unknown'));
    expect(screen.getByTestId('result-masked-id').textContent).toBe('••••••••0123');
    expect(screen.getByTestId('result-staff').textContent).toContain('lost the Vietnamese letters');
  });

  it('a damaged card: red, "scan again", nothing of the card shown', () => {
    const damaged: ScanResult = {
      ...base,
      outcome: 'refused',
      kind: 'other',
      direction: null,
      reason: 'damaged-card',
      problems: ['damaged-card'],
      displayName: null,
      maskedId: null,
    };
    render(<ResultCard result={damaged} serial={1} t={translator('vi')} formatTime={formatTime} />);
    expect(screen.getByTestId('result-card').className).toContain('tone-red');
    expect(screen.getByTestId('result-reason').textContent).toContain('Quét lại');
    expect(screen.queryByTestId('result-name')).toBeNull();
    expect(screen.queryByTestId('result-code')).toBeNull();
  });

  it('a plain code: the code itself, so the clerk can check the ticket', () => {
    const ticket: ScanResult = {
      ...base,
      kind: 'other',
      displayName: null,
      maskedId: null,
      codeText: 'VE-LS-2026-000731',
    };
    render(<ResultCard result={ticket} serial={1} t={translator('en')} formatTime={formatTime} />);
    expect(screen.getByTestId('result-code').textContent).toBe('Code scanned: VE-LS-2026-000731');
  });

  it('ask mode: says how many scans wait behind the open question', () => {
    const asking: ScanResult = { ...base, outcome: 'needs-direction', direction: null, waitingScans: 2 };
    render(
      <ResultCard
        result={asking}
        serial={1}
        t={translator('vi')}
        formatTime={formatTime}
        onChooseDirection={() => undefined}
      />,
    );
    expect(screen.getByTestId('result-waiting').textContent).toBe('Còn 2 lượt quét đang chờ chọn vào/ra');
  });
});
