// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PinPad } from '../../../renderer/components/PinPad';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);

describe('PinPad', () => {
  it('takes the keyboard at once: the PIN field has the focus when the pad opens, and after an on-screen key', () => {
    const onSubmit = vi.fn();
    render(<PinPad title="PIN" error={null} t={translator('vi')} onSubmit={onSubmit} />);
    const field = screen.getByTestId('pin-input');
    expect(document.activeElement).toBe(field);
    fireEvent.click(screen.getByRole('button', { name: '2' }));
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '2468' } });
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect(onSubmit).toHaveBeenCalledWith('2468');
    expect(document.activeElement).toBe(field);
  });
});
