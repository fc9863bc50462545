import type { MedAdminApi } from '../../../preload/contract';
import type { Result } from '../../../preload/contract/errors';
import type { FormError } from '../api/request';
import { useAction } from './use-action';

/** Named as <Form>'s own props, so a form passes them on with one spread instead of three lines. */
interface FormActionProps {
  pending: boolean;
  error: FormError;
  onSubmit(): Promise<void>;
}

/**
 * The submit every form repeated: send `call` to main through useAction and, only when main
 * accepts, pass its answer to `onDone` (clear the fields, reload, sign in). A refusal stays in
 * `error` for <Form> and its fields to show. `call` is read on each render, so it sends what the
 * form holds at the moment of submitting.
 */
export function useFormAction<T>(call: (api: MedAdminApi) => Promise<Result<T>>, onDone: (value: T) => void): FormActionProps {
  const { pending, error, run } = useAction();
  const onSubmit = async () => {
    const outcome = await run(call);
    if (outcome.ok) onDone(outcome.value);
  };
  return { pending, error, onSubmit };
}
