// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanLogEntry } from '../../../../shared/kioskScans';
import { InsideNowSection } from '../../../../renderer/components/admin/InsideNowSection';
import { ScanLogSection } from '../../../../renderer/components/admin/ScanLogSection';
import { translator } from '../../../../renderer/messages';

afterEach(cleanup);
const t = translator('en');
const formatTime = (iso: string) => iso.slice(11, 16);
const entered: ScanLogEntry = {
  scanId: 'a',
  at: '2026-11-25T07:30:00.000Z',
  outcome: 'recorded',
  direction: 'in',
  kind: 'cccd',
  reason: null,
  displayName: 'Nguyễn Văn An',
  maskedId: '••••••••1234',
  contextLabel: 'Tàu 07:30',
};
const refused: ScanLogEntry = {
  scanId: 'b',
  at: '2026-11-25T07:31:00.000Z',
  outcome: 'refused',
  direction: null,
  kind: 'other',
  reason: 'unreadable',
  displayName: null,
  maskedId: null,
  contextLabel: null,
};

const props = {
  day: '2026-11-24',
  lastDay: '2026-11-25',
  query: '',
  hours: [],
  t,
  formatTime,
  onDay: () => undefined,
  onQuery: () => undefined,
  onExportDay: () => undefined,
  onExportContext: () => undefined,
  onPrintContext: () => undefined,
};

describe('ScanLogSection', () => {
  it('lists each scan in words (a refusal by its reason) under the day shown', () => {
    render(<ScanLogSection {...props} contextLabel={null} entries={[entered, refused]} />);
    expect(screen.getByRole('heading', { name: 'Log of 2026-11-24' })).toBeTruthy();
    const rows = screen.getAllByRole('listitem').map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      '07:30 · In · Nguyễn Văn An ••••••••1234 · Tàu 07:30',
      '07:31 · — · The code could not be read',
    ]);
    expect(screen.queryByText(/Export the list/)).toBeNull();
  });

  it('reports a new day, back to today when cleared, a search, and which list to export', () => {
    const onDay = vi.fn();
    const onQuery = vi.fn();
    const onExportContext = vi.fn();
    const onExportDay = vi.fn();
    render(
      <ScanLogSection
        {...props}
        contextLabel="Tàu 07:30"
        entries={[]}
        onDay={onDay}
        onQuery={onQuery}
        onExportDay={onExportDay}
        onExportContext={onExportContext}
      />,
    );
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '' } });
    expect(onDay.mock.calls).toEqual([['2026-11-20'], [null]]);
    fireEvent.change(screen.getByTestId('log-search'), { target: { value: 'Văn An' } });
    expect(onQuery).toHaveBeenCalledWith('Văn An');
    fireEvent.click(screen.getByRole('button', { name: 'Export the list "Tàu 07:30"' }));
    expect(onExportContext).toHaveBeenCalledWith('Tàu 07:30');
    fireEvent.click(screen.getByTestId('export-day'));
    expect(onExportDay).toHaveBeenCalledTimes(1);
  });

  it('marks a voided scan and names a correction row', () => {
    render(
      <ScanLogSection
        {...props}
        contextLabel={null}
        entries={[
          { ...refused, scanId: 'x', outcome: 'recorded', reason: null, voidsScanId: 'b' },
          { ...entered, voided: true },
        ]}
      />,
    );
    const rows = screen.getAllByRole('listitem').map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['07:31 · — · Correction', '07:30 · In · Nguyễn Văn An ••••••••1234 · Tàu 07:30 · undone']);
  });
});

describe('InsideNowSection', () => {
  it('counts and lists who is inside, and prints on demand', () => {
    const onPrint = vi.fn();
    render(
      <InsideNowSection
        entries={[entered, { ...entered, scanId: 'c', displayName: null }]}
        t={t}
        formatTime={formatTime}
        printWords="manifest.open.inside"
        onPrint={onPrint}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Inside now: 2 people' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((row) => row.textContent)).toEqual([
      'Nguyễn Văn An ••••••••1234 · 07:30',
      'Chip ID card ••••••••1234 · 07:30',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Print list of people inside' }));
    expect(onPrint).toHaveBeenCalledTimes(1);
  });
});
