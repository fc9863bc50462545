import { NewerSchemaError } from '../core/db/migrator';
import { AppError } from '../core/errors';

/** What the start-up error box says: written for the person, never a path or a stack (those go to the log). */
export function startupFailureMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof NewerSchemaError) return 'This data was saved by a newer version of MedAdmin. Install that version or a later one to open it.';
  return 'MedAdmin could not open its data folder. The details were written to the application log.';
}
