// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../shared/kioskSettings';
import { SettingsSection } from '../../../../renderer/components/admin/SettingsSection';
import { translator } from '../../../../renderer/messages';

afterEach(cleanup);
const t = translator('en');

describe('SettingsSection', () => {
  it('offers every mode and end key in words, the default end key first, and reports each choice as its value', () => {
    const onChange = vi.fn();
    render(
      <SettingsSection
        draft={DEFAULT_SETTINGS}
        t={t}
        onChange={onChange}
        onSave={() => undefined}
        onTestSound={() => undefined}
      />,
    );
    const endKey = screen.getByDisplayValue('Enter / Tab');
    expect(
      within(endKey)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Enter / Tab', 'Enter', 'Tab']);
    expect(
      within(screen.getByDisplayValue('Automatic'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['In', 'Out', 'Automatic', 'Ask each time']);

    fireEvent.change(endKey, { target: { value: 'Tab' } });
    fireEvent.change(screen.getByTestId('settings-kiosk-mode'), { target: { value: 'self-service' } });
    fireEvent.change(screen.getByDisplayValue('Minimal: ID number, name, birth year'), { target: { value: 'full' } });
    expect(onChange.mock.calls).toEqual([
      ['wedgeEndKey', 'Tab'],
      ['kioskMode', 'self-service'],
      ['privacyProfile', 'full'],
    ]);
  });

  it('takes an emptied optional field as none, keeps five health questions at most, and saves on submit', () => {
    const onChange = vi.fn();
    const onSave = vi.fn();
    render(
      <SettingsSection
        draft={{ ...DEFAULT_SETTINGS, venueQrText: 'https://tokhaiyte.vn/?qrCode=X' }}
        t={t}
        onChange={onChange}
        onSave={onSave}
        onTestSound={() => undefined}
      />,
    );
    fireEvent.change(screen.getByTestId('settings-venue-qr'), { target: { value: '   ' } });
    fireEvent.change(screen.getByTestId('settings-health-questions'), {
      target: { value: 'Fever?\n\n a \nb\nc\nd\ne\nf' },
    });
    expect(onChange.mock.calls).toEqual([
      ['venueQrText', null],
      ['healthQuestions', ['Fever?', 'a', 'b', 'c', 'd']],
    ]);
    expect(screen.getByText(/kept 30 days/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('offers plain codes by venue type, on or off, in both languages, and reports the choice as the setting', () => {
    const onChange = vi.fn();
    render(
      <SettingsSection
        draft={DEFAULT_SETTINGS}
        t={translator('vi')}
        onChange={onChange}
        onSave={() => undefined}
        onTestSound={() => undefined}
      />,
    );
    const select = screen.getByTestId('settings-plain-codes');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Theo loại địa điểm (bật cho cảng, vận tải và khi chưa đăng ký)', 'Bật', 'Tắt']);
    fireEvent.change(select, { target: { value: 'off' } });
    fireEvent.change(select, { target: { value: 'on' } });
    fireEvent.change(select, { target: { value: 'auto' } });
    expect(onChange.mock.calls).toEqual([
      ['plainCodes', false],
      ['plainCodes', true],
      ['plainCodes', null],
    ]);
  });

  it('sets the beep volume (default 70) and tests the sound; fills the standard questions in both languages', () => {
    const onChange = vi.fn();
    const onTestSound = vi.fn();
    render(
      <SettingsSection
        draft={DEFAULT_SETTINGS}
        t={translator('vi')}
        onChange={onChange}
        onSave={() => undefined}
        onTestSound={onTestSound}
      />,
    );
    expect((screen.getByTestId('settings-sound-volume') as HTMLInputElement).value).toBe('70');
    expect(screen.getByText(/Âm lượng tiếng báo \(70%\)/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('settings-sound-volume'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('settings-sound-test'));
    expect(onTestSound).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByTestId('settings-standard-questions'));
    expect(onChange.mock.calls[0]).toEqual(['soundVolume', 30]);
    expect(onChange.mock.calls[1][0]).toBe('healthQuestions');
    expect(onChange.mock.calls[1][1][0]).toContain('Trong 14 ngày qua');
    expect(onChange.mock.calls[2][0]).toBe('healthQuestionsEn');
    expect(onChange.mock.calls[2][1][0]).toContain('In the last 14 days');
  });
});
