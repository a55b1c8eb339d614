import type { Translate } from '../messages';

export interface LettersLostNoteProps {
  /** Today's scans whose Vietnamese letters the scanner lost, folded or sent as Alt codes. */
  readonly count: number;
  readonly t: Translate;
}

/** Tells admin the wedge scanner needs setting up; nothing when no scan lost letters today. */
export function LettersLostNote({ count, t }: LettersLostNoteProps) {
  if (count === 0) return null;
  return (
    <p className="settings-note" role="status" data-testid="letters-lost">
      {t('admin.lettersLost', { count })}
    </p>
  );
}
