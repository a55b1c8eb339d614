import type { RefObject } from 'react';

/**
 * The hidden field that holds the keyboard focus for a wedge scanner (and for the letters an input
 * method commits), kept focused by `useScanSink`; the counter and the wizard's scanner test use it.
 */
export function ScanSink({ sinkRef }: { readonly sinkRef: RefObject<HTMLInputElement | null> }) {
  return (
    <input
      ref={sinkRef}
      className="scan-sink"
      data-scan-sink=""
      data-testid="scan-sink"
      aria-hidden="true"
      tabIndex={-1}
      autoComplete="off"
    />
  );
}
