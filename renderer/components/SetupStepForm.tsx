import type { ReactNode } from 'react';
import type { Translate } from '../messages';

export interface SetupStepFormProps {
  readonly title: string;
  readonly t: Translate;
  /** Next was pressed (the form was submitted). */
  readonly onSubmit: () => void;
  readonly onBack: () => void;
  readonly children: ReactNode;
}

/** One step of the setup wizard as a form, with Back and Next at its foot (Next submits it). */
export function SetupStepForm({ title, t, onSubmit, onBack, children }: SetupStepFormProps) {
  return (
    <form
      className="setup-step"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2>{title}</h2>
      {children}
      <div className="setup-nav">
        <button type="button" onClick={onBack}>
          {t('setup.back')}
        </button>
        <button type="submit" data-testid="setup-next">
          {t('setup.next')}
        </button>
      </div>
    </form>
  );
}
