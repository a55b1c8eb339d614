export interface PinFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId?: string;
  /** Show the digits (the setup's "show the PIN"). */
  readonly shown?: boolean;
}

/** A labelled PIN field: hidden digits, numeric keyboard on touch screens. */
export function PinField({ label, value, onChange, testId, shown }: PinFieldProps) {
  return (
    <label>
      {label}
      <input
        type={shown ? 'text' : 'password'}
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
