// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminToolsSection } from '../../../../renderer/components/admin/AdminToolsSection';
import { LeaveKioskForm } from '../../../../renderer/components/admin/LeaveKioskForm';
import { PinChangeForm } from '../../../../renderer/components/admin/PinChangeForm';
import { translator } from '../../../../renderer/messages';

afterEach(cleanup);
const t = translator('en');

describe('AdminToolsSection with the PIN forms', () => {
  it('runs each tool, changes the PIN with the current one, and leaves with the PIN typed there', () => {
    const on = { purge: vi.fn(), scannerTest: vi.fn(), pinChange: vi.fn(), leave: vi.fn() };
    render(
      <AdminToolsSection t={t} onOpenPoster={() => undefined} onPurge={on.purge} onScannerTest={on.scannerTest}>
        <PinChangeForm t={t} onChange={on.pinChange} />
        <LeaveKioskForm t={t} onLeave={on.leave} />
      </AdminToolsSection>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Purge data past retention' }));
    fireEvent.click(screen.getByRole('button', { name: 'Scanner test' }));
    expect(on.purge).toHaveBeenCalledTimes(1);
    expect(on.scannerTest).toHaveBeenCalledTimes(1);

    const [changeForm, leaveForm] = screen
      .getAllByRole('button', { name: /Change the PIN|Leave kiosk mode/ })
      .map((button) => button.closest('form') as HTMLFormElement);
    fireEvent.change(within(changeForm).getByLabelText('Current PIN'), { target: { value: '2468' } });
    fireEvent.change(within(changeForm).getByLabelText('New PIN'), { target: { value: '1357' } });
    fireEvent.click(within(changeForm).getByRole('button', { name: 'Change the PIN' }));
    expect(on.pinChange).toHaveBeenCalledWith({ currentPin: '2468', newPin: '1357' });

    fireEvent.change(within(leaveForm).getByLabelText('Current PIN'), { target: { value: '1357' } });
    fireEvent.click(within(leaveForm).getByRole('button', { name: 'Leave kiosk mode (maintenance)' }));
    expect(on.leave).toHaveBeenCalledWith('1357');
  });
});
