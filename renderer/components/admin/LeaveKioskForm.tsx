import { useState } from 'react';
import type { Translate } from '../../messages';
import { PinField } from '../PinField';

export interface LeaveKioskFormProps {
  readonly t: Translate;
  /** With the PIN typed; the core checks it, then the shell leaves kiosk mode. */
  readonly onLeave: (pin: string) => void;
}

/** Leaves kiosk mode for maintenance, with the PIN asked again. Keeps only what is being typed. */
export function LeaveKioskForm({ t, onLeave }: LeaveKioskFormProps) {
  const [pin, setPin] = useState('');
  return (
    <form
      className="exit-form"
      onSubmit={(event) => {
        event.preventDefault();
        onLeave(pin);
      }}
    >
      <PinField label={t('admin.pin.current')} value={pin} onChange={setPin} />
      <button type="submit">{t('admin.exit')}</button>
    </form>
  );
}
