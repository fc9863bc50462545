import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import type { FormError } from '../api/request';

interface FormProps {
  /** Names the form for assistive technology. */
  label: string;
  error: FormError;
  pending: boolean;
  onSubmit(): void;
  children: ReactNode;
  /** The buttons; the form's message sits just above them, where the eye is after pressing one. */
  actions: ReactNode;
  className?: string;
}

/**
 * Enter submits; after a refusal the first field with a message gets the focus, so a person at
 * the keyboard lands where the fix is needed. Fields never move: the message goes below them.
 */
export function Form({ label, error, pending, onSubmit, children, actions, className }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };

  return (
    <form ref={ref} aria-label={label} aria-busy={pending} noValidate onSubmit={submit} className={className}>
      {children}
      <div className="form-footer">
        <p className={error.message ? 'form-message form-message-error' : 'form-message'} role="alert">
          {error.message ?? ''}
        </p>
        <div className="form-actions">{actions}</div>
      </div>
    </form>
  );
}
