import { useState } from 'react';
import type { Direction, ManualEntryInput } from '../../shared/kioskScans';
import type { Translate } from '../messages';

export interface ManualEntryFormProps {
  readonly t: Translate;
  /** Resolves with an error message in words, or null when recorded. */
  readonly onSubmit: (entry: ManualEntryInput) => Promise<string | null>;
}

/** A visitor with no code: staff type a name and an ID number or a phone, then In or Out. */
export function ManualEntryForm({ t, onSubmit }: ManualEntryFormProps) {
  const [open, setOpen] = useState(false);
  const [entry, setEntry] = useState({ fullName: '', idNumber: '', phone: '' });
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="manual-open">
        {t('manual.open')}
      </button>
    );
  }
  const submit = async (direction: Direction) => {
    const problem = await onSubmit({
      fullName: entry.fullName,
      idNumber: entry.idNumber.trim() || undefined,
      phone: entry.phone.trim() || undefined,
      direction,
    });
    setError(problem);
    if (!problem) {
      setEntry({ fullName: '', idNumber: '', phone: '' });
      setOpen(false);
    }
  };
  return (
    <form className="manual-entry" onSubmit={(event) => event.preventDefault()} data-testid="manual-form">
      <label>
        {t('manual.name')}
        <input
          value={entry.fullName}
          maxLength={120}
          onChange={(e) => setEntry({ ...entry, fullName: e.target.value })}
          data-testid="manual-name"
        />
      </label>
      <label>
        {t('manual.id')}
        <input
          value={entry.idNumber}
          maxLength={20}
          onChange={(e) => setEntry({ ...entry, idNumber: e.target.value })}
          data-testid="manual-id"
        />
      </label>
      <label>
        {t('manual.phone')}
        <input
          value={entry.phone}
          maxLength={15}
          inputMode="tel"
          onChange={(e) => setEntry({ ...entry, phone: e.target.value })}
          data-testid="manual-phone"
        />
      </label>
      {error ? (
        <p className="pin-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="manual-actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </button>
        <button type="button" onClick={() => void submit('in')} data-testid="manual-in">
          {t('scan.direction.in')}
        </button>
        <button type="button" onClick={() => void submit('out')} data-testid="manual-out">
          {t('scan.direction.out')}
        </button>
      </div>
    </form>
  );
}
