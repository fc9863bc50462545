import { useId, type ReactNode } from 'react';

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string;
}

interface FieldProps {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled control with its hint and its message. The message line is always there, empty
 * when all is well, so a message appearing never pushes the rest of the form down.
 */
export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': Boolean(error), 'aria-describedby': hint ? `${hintId} ${errorId}` : errorId })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <p className="field-error" id={errorId}>
        {error ?? ''}
      </p>
    </div>
  );
}
