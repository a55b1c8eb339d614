import type { ScannerStatus } from '../../shared/kioskStatus';
import type { Translate } from '../messages';

export interface ScannerListProps {
  readonly scanners: readonly ScannerStatus[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
}

/** Live status of each directly connected scanner (HID POS, USB-COM): connected, last read. */
export function ScannerList({ scanners, t, formatTime }: ScannerListProps) {
  if (scanners.length === 0) return <p>{t('test.scanner.none')}</p>;
  return (
    <ul data-testid="scanner-list">
      {scanners.map((scanner) => (
        <li key={scanner.id}>
          {scanner.kind.toUpperCase()} · {scanner.name} ·{' '}
          {t(scanner.connected ? 'test.scanner.connected' : 'test.scanner.disconnected')}
          {scanner.lastReadAt ? ` · ${t('test.scanner.last-read', { time: formatTime(scanner.lastReadAt) })}` : ''}
        </li>
      ))}
    </ul>
  );
}
