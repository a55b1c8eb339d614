// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LettersLostNote } from '../../../renderer/components/LettersLostNote';
import { translator } from '../../../renderer/messages';

afterEach(cleanup);

describe('LettersLostNote', () => {
  it('tells admin how many scans lost letters today and how to fix the scanner', () => {
    render(<LettersLostNote count={3} t={translator('en')} />);
    expect(screen.getByTestId('letters-lost').textContent).toMatch(/^Today 3 scans lost .*HID POS or USB-COM/);
  });

  it('says nothing when no scan lost letters', () => {
    render(<LettersLostNote count={0} t={translator('vi')} />);
    expect(screen.queryByTestId('letters-lost')).toBeNull();
  });
});
