export interface PinFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId?: string;
}

/** A labelled PIN field: hidden digits, numeric keyboard on touch screens. */
export function PinField({ label, value, onChange, testId }: PinFieldProps) {
  return <label>{label}<input type="password" inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} /></label>;
}
