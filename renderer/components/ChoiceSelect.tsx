export interface ChoiceSelectProps<T extends string> {
  readonly options: readonly T[];
  readonly value: T;
  /** The words shown for each option (from the message catalogs). */
  readonly words: (option: T) => string;
  readonly onChange: (option: T) => void;
  readonly testId?: string;
}

/** A `<select>` over a fixed list of values: hands back the option itself, so callers need no cast. */
export function ChoiceSelect<T extends string>({ options, value, words, onChange, testId }: ChoiceSelectProps<T>) {
  return (
    <select
      value={value}
      data-testid={testId}
      onChange={(event) => {
        const chosen = options.find((option) => option === event.target.value);
        if (chosen !== undefined) onChange(chosen);
      }}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {words(option)}
        </option>
      ))}
    </select>
  );
}
