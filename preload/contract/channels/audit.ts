import { z } from 'zod';
import { channel } from '../define';
import { pageFields, type Page } from './common';
import { instantSchema, localDateSchema } from './appointments';

export interface AuditEntryView {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** For updates: each changed field's old and new value. */
  changes: Record<string, [unknown, unknown]> | null;
  details: Record<string, unknown> | null;
}

const name = z
  .string()
  .trim()
  .regex(/^[a-z][a-z_:.-]{0,39}$/, 'Use a name such as patient or appointment.');

/** A period bound: an instant, or a calendar date in the clinic's zone (`to` then includes that whole day). */
const bound = z.union([instantSchema, localDateSchema], { error: 'Use a date (2025-03-30) or a date and time with a zone.' });

/** Entries come newest first. */
export const auditChannels = {
  'audit:list': channel<Page<AuditEntryView>>()(
    z.strictObject({
      ...pageFields,
      userId: z.uuid('Choose a user.').optional(),
      entity: name.optional(),
      entityId: z.string().trim().min(1, 'Required.').max(64, 'Use at most 64 characters.').optional(),
      action: name.optional(),
      from: bound.optional(),
      to: bound.optional(),
    }),
  ),
};
