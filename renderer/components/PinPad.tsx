import { useRef, useState } from 'react';
import type { Translate } from '../messages';

export interface PinPadProps {
  readonly title: string;
  readonly error: string | null;
  readonly t: Translate;
  readonly onSubmit: (pin: string) => void;
  readonly onCancel?: () => void;
}

/** A PIN entry (4-8 digits) with on-screen digits for touch screens. */
export function PinPad({ title, error, t, onSubmit, onCancel }: PinPadProps) {
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Staff type the PIN on the keyboard as often as they tap it: the field keeps the focus, from the
  // start and after every on-screen key, so a keyboard digit never goes nowhere.
  const press = (digit: string) => {
    setPin((current) => (current.length < 8 ? current + digit : current));
    input.current?.focus();
  };
  return (
    <form
      className="pin-pad"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(pin);
        setPin('');
        input.current?.focus();
      }}
    >
      <h2>{title}</h2>
      <input
        ref={input}
        autoFocus
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 8))}
        aria-label={title}
        data-testid="pin-input"
      />
      <div className="pin-digits">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((digit) => (
          <button key={digit} type="button" onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            setPin((current) => current.slice(0, -1));
            input.current?.focus();
          }}
        >
          ⌫
        </button>
      </div>
      {error ? (
        <p className="pin-error" role="alert" data-testid="pin-error">
          {error}
        </p>
      ) : null}
      <div className="pin-actions">
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        ) : null}
        <button type="submit" data-testid="pin-submit">
          {t('admin.ok')}
        </button>
      </div>
    </form>
  );
}
