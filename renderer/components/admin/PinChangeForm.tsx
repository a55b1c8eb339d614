import { useState } from 'react';
import type { Translate } from '../../messages';
import { PinField } from '../PinField';

export interface PinChangeFormProps {
  readonly t: Translate;
  readonly onChange: (pins: { readonly currentPin: string; readonly newPin: string }) => void;
}

/** Changes the admin PIN (the core checks the current one). Keeps only what is being typed. */
export function PinChangeForm({ t, onChange }: PinChangeFormProps) {
  const [pins, setPins] = useState({ current: '', next: '' });
  return (
    <form
      className="pin-change"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ currentPin: pins.current, newPin: pins.next });
      }}
    >
      <PinField
        label={t('admin.pin.current')}
        value={pins.current}
        onChange={(current) => setPins({ ...pins, current })}
      />
      <PinField label={t('admin.pin.new')} value={pins.next} onChange={(next) => setPins({ ...pins, next })} />
      <button type="submit">{t('admin.pin.change')}</button>
    </form>
  );
}
