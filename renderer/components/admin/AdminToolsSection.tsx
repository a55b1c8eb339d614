import type { ReactNode } from 'react';
import type { Translate } from '../../messages';
import { AdminSection } from './AdminSection';

export interface AdminToolsSectionProps {
  readonly t: Translate;
  readonly onOpenPoster: () => void;
  readonly onPurge: () => void;
  readonly onScannerTest: () => void;
  /** The PIN change and leave-kiosk forms, shown under the tools. */
  readonly children?: ReactNode;
}

/** Tools: the venue poster, purging old data, the scanner test, then the given forms. */
export function AdminToolsSection({ t, onOpenPoster, onPurge, onScannerTest, children }: AdminToolsSectionProps) {
  return (
    <AdminSection id="tools" title={t('admin.tools')}>
      <button type="button" onClick={onOpenPoster} data-testid="open-poster">
        {t('poster.open')}
      </button>
      <button type="button" data-testid="purge" onClick={onPurge}>
        {t('admin.purge')}
      </button>
      <button type="button" onClick={onScannerTest}>
        {t('test.open')}
      </button>
      {children}
    </AdminSection>
  );
}
