import { z } from 'zod';
import { timezoneSchema } from '../common-schemas';
import { channel } from '../define';

/** How a backup came to be: taken by a person, by the daily schedule, or before a restore. */
export const BACKUP_TRIGGERS = ['manual', 'scheduled', 'safety'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

/** One backup holding the active clinic: its own, or a backup of everything. */
export interface BackupSummary {
  /** Pass back to backup:restore; resolved in main against this clinic's backups only. */
  id: string;
  kind: 'clinic' | 'all';
  trigger: BackupTrigger;
  createdAt: string;
  bytes: number;
  /** The newest migration in the backup: its schema version. */
  schema: string | null;
  appVersion: string;
}

export interface BackupSchedule {
  enabled: boolean;
  /** Wall-clock time of the daily backup, HH:MM. */
  dailyAt: string;
  /** The zone dailyAt is in; null: the machine's. */
  timezone: string | null;
  keepDaily: number;
  keepWeekly: number;
  /** Days an archived clinic can be brought back before it is purged. */
  archiveRetentionDays: number;
}

export interface BackupRunInfo {
  id: string;
  operation: 'backup' | 'restore';
  trigger: BackupTrigger;
  /** A backup of everything rather than of this clinic alone. */
  everything: boolean;
  startedAt: string;
  finishedAt: string | null;
  /** As it concerns this clinic: a backup of everything that copied it is ok for it. */
  status: 'running' | 'ok' | 'failed';
  backupId: string | null;
  message: string | null;
}

export interface BackupStatus {
  schedule: BackupSchedule;
  nextRunAt: string | null;
  lastSuccessAt: string | null;
  /** The latest backup failed, or none has succeeded for two days: show it to managers. */
  needsAttention: boolean;
  runs: BackupRunInfo[];
}

/** A native dialog the person closed: nothing was done. */
export type Cancelled = { cancelled: true };
type Done<T> = { cancelled: false } & T;

export interface BackupTaken {
  backup: BackupSummary;
}

export interface RestoreStarted {
  /** The progress events of this restore carry this runId; backup:status shows how it ended. */
  runId: string;
  migrated: string[];
}

export interface ClinicExported {
  /** The file's name only; its folder is the person's choice and stays in main. */
  fileName: string;
  bytes: number;
  encrypted: boolean;
}

export interface ClinicImported {
  clinicId: string;
  slug: string;
  name: string;
  replaced: boolean;
  safetyBackupId: string | null;
}

const STAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d{1,3})?`;
/** A backup's id: its set (a clinic's own, or everything) and UTC time stamp; never a path. */
export const BACKUP_ID_PATTERN = new RegExp(`^(clinic|all)/(${STAMP})$`);

/** Long enough for any policy-valid passphrase; bounds the key-derivation work one call can ask for. */
const passphrase = z.string().min(1, 'Required.').max(1024, 'Too long.');

/** What an owner or manager may change in the backup schedule; every field optional. */
export const scheduleUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 02:00.')
    .optional(),
  timezone: timezoneSchema.nullable().optional(),
  keepDaily: z.number().int('Use a whole number.').min(1, 'Keep at least 1.').max(365, 'Use at most 365.').optional(),
  keepWeekly: z.number().int('Use a whole number.').min(0, 'Use 0 or more.').max(520, 'Use at most 520.').optional(),
  archiveRetentionDays: z.number().int('Use a whole number.').min(1, 'Keep at least 1 day.').max(3650, 'Use at most 3650.').optional(),
});

export const backupChannels = {
  /** Backs up the active clinic now, into the data folder or a folder chosen in a dialog. */
  'backup:run': channel<Cancelled | Done<BackupTaken>>()(z.strictObject({ chooseFolder: z.boolean().default(false) })),
  'backup:list': channel<BackupSummary[]>()(z.strictObject({})),
  'backup:status': channel<BackupStatus>()(z.strictObject({})),
  'backup:setSchedule': channel<BackupSchedule>()(scheduleUpdateSchema),
  /**
   * Replaces the active clinic's records with a backup from its list, or with a backup or
   * export file chosen in a dialog. Refusals come back at once; the replacement itself follows
   * as soon as the clinic's current requests have finished.
   */
  'backup:restore': channel<Cancelled | Done<RestoreStarted>>()(
    z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('backup'), backupId: z.string().regex(BACKUP_ID_PATTERN, 'Choose a backup from the list.') }),
        z.strictObject({ kind: z.literal('file') }),
      ]),
      passphrase: passphrase.optional(),
    }),
  ),
  /** Exports the active clinic's whole file to a place chosen in a save dialog, encrypted if a passphrase is given. */
  'backup:export': channel<Cancelled | Done<ClinicExported>>()(z.strictObject({ passphrase: passphrase.optional() })),
  /** Imports a clinic file chosen in a dialog; the caller becomes the new clinic's owner. */
  'backup:import': channel<Cancelled | Done<ClinicImported>>()(
    z.strictObject({ passphrase: passphrase.optional(), replace: z.boolean().default(false) }),
  ),
};
