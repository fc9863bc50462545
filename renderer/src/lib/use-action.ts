import { useCallback, useRef, useState } from 'react';
import type { MedAdminApi } from '../../../preload/contract';
import type { Result } from '../../../preload/contract/errors';
import { request, type FormError, type Outcome } from '../api/request';

const NO_ERROR: FormError = { message: null, fields: {} };

interface FormAction {
  pending: boolean;
  error: FormError;
  run<T>(call: (api: MedAdminApi) => Promise<Result<T>>): Promise<Outcome<T>>;
}

/**
 * One form's call to main: ignores a second Enter while the first is on its way, and keeps the
 * failure (message and per-field messages) for the form to show.
 */
export function useAction(): FormAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<FormError>(NO_ERROR);
  const busy = useRef(false);

  const run = useCallback(async <T,>(call: (api: MedAdminApi) => Promise<Result<T>>): Promise<Outcome<T>> => {
    if (busy.current) return { ok: false, error: NO_ERROR };
    busy.current = true;
    setPending(true);
    setError(NO_ERROR);
    try {
      const outcome = await request(call);
      if (!outcome.ok) setError(outcome.error);
      return outcome;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);

  return { pending, error, run };
}
