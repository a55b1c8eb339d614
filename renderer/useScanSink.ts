/**
 * A focused, invisible text field for scans: text that arrives without key events (an input method's
 * commit, a wedge typing Unicode, an Alt code) is only delivered to an editable element, so a screen
 * that reads scans keeps one focused whenever nobody is typing into a real field. Without it the
 * Vietnamese letters of such a scan are lost before the wedge capture sees them.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** How often the sink takes the focus back when nothing else holds it, ms. */
const REFOCUS_EVERY_MS = 500;

/** Returns the ref to put on the sink (`<input data-scan-sink …>`); focuses it while `active`. */
export function useScanSink(active = true): RefObject<HTMLInputElement | null> {
  const sinkRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!active) return undefined;
    // Back to the sink whenever focus is not in a text field (after a button, or nowhere).
    const refocus = () => {
      const focused = document.activeElement;
      const typing =
        focused instanceof HTMLInputElement ||
        focused instanceof HTMLTextAreaElement ||
        focused instanceof HTMLSelectElement ||
        (focused instanceof HTMLElement && focused.isContentEditable);
      if (!typing || focused === null) sinkRef.current?.focus();
    };
    const refocusSoon = () => window.setTimeout(refocus, 0);
    refocus();
    const timer = window.setInterval(refocus, REFOCUS_EVERY_MS);
    document.addEventListener('focusout', refocusSoon);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('focusout', refocusSoon);
    };
  }, [active]);
  return sinkRef;
}
