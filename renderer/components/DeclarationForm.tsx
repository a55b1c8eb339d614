import { useState } from 'react';
import type { Translate } from '../messages';

export interface DeclarationFormProps {
  readonly questions: readonly string[];
  readonly t: Translate;
  readonly onSubmit: (answers: boolean[]) => void;
}

/** The venue's yes/no health questions, answered on the unattended screen before green. */
export function DeclarationForm({ questions, t, onSubmit }: DeclarationFormProps) {
  const [answers, setAnswers] = useState<(boolean | null)[]>(questions.map(() => null));
  const complete = answers.every((answer) => answer !== null);
  return (
    <form
      className="declaration"
      data-testid="declaration"
      onSubmit={(event) => {
        event.preventDefault();
        if (complete) onSubmit(answers as boolean[]);
      }}
    >
      <ol>
        {questions.map((question, index) => (
          <li key={question}>
            <span>{question}</span>
            <span className="declaration-choice" role="group" aria-label={question}>
              {([true, false] as const).map((value) => (
                <button
                  key={String(value)}
                  type="button"
                  aria-pressed={answers[index] === value}
                  data-testid={`declare-${index}-${value ? 'yes' : 'no'}`}
                  onClick={() => setAnswers(answers.map((answer, i) => (i === index ? value : answer)))}
                >
                  {t(value ? 'declaration.yes' : 'declaration.no')}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ol>
      <button type="submit" disabled={!complete} data-testid="declare-submit">
        {t('declaration.submit')}
      </button>
    </form>
  );
}
