import type { ScanResult } from '../../shared/kioskScans';
import type { ScannerStatus } from '../../shared/kioskStatus';
import type { Translate } from '../messages';
import { ScannerList } from './ScannerList';

export interface ScannerTestPanelProps {
  /** The last diagnosed scan, or null before any. */
  readonly result: ScanResult | null;
  readonly scanners: readonly ScannerStatus[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** Ends the test; absent where the test is a step of something else (the setup wizard). */
  readonly onClose?: () => void;
}

/** Scanner test: what a scan delivered, character by character, and the diagnosis. Records nothing. */
export function ScannerTestPanel({ result, scanners, t, formatTime, onClose }: ScannerTestPanelProps) {
  const diagnosis = result?.outcome === 'tested' ? result.diagnosis : undefined;
  return (
    <section className="scanner-test" data-testid="scanner-test" aria-live="polite">
      <header className="scanner-test-header">
        <h2>{t('test.title')}</h2>
        {onClose ? (
          <button type="button" onClick={onClose} data-testid="scanner-test-close">
            {t('test.close')}
          </button>
        ) : null}
      </header>
      {result && diagnosis ? (
        <div className="scanner-test-result">
          <dl>
            <dt>{t('test.kind')}</dt>
            <dd data-testid="test-kind">{t(`scan.kind.${result.kind}`)}</dd>
            <dt>{t('test.length')}</dt>
            <dd>{diagnosis.length}</dd>
            <dt>{t('test.problems')}</dt>
            <dd data-testid="test-problems">
              {result.problems.length === 0
                ? t('test.none')
                : result.problems.map((problem) => t(`problem.${problem}`)).join(', ')}
            </dd>
            <dt>{t('test.would')}</dt>
            <dd data-testid="test-would">
              {result.reason ? `${t('scan.outcome.refused')}: ${t(`reason.${result.reason}`)}` : t('test.would.record')}
            </dd>
          </dl>
          {diagnosis.layoutSuspected ? <p className="test-warning">{t('test.layout')}</p> : null}
          {result.recovered ? <p className="test-warning">{t('scan.recovered')}</p> : null}
          {result.reason ? <p className="test-warning">{t(`reason.${result.reason}.fix`)}</p> : null}
          <h3>{t('test.characters')}</h3>
          <ol className="test-characters" data-testid="test-characters">
            {diagnosis.characters.map((character, index) => (
              <li key={index}>{character}</li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="result-hint">{t('test.prompt')}</p>
      )}
      <h3>{t('test.scanners')}</h3>
      <ScannerList scanners={scanners} t={t} formatTime={formatTime} />
    </section>
  );
}
