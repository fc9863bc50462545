import type { Kysely } from 'kysely';
import type { BackupTrigger } from '../../../preload/contract/channels/backup';
import type { MasterDB } from '../master/schema';

/** Row types of the backup tables (migrations/master/0040-backups, tenant/0070-clinic-profile). */

export interface ClinicProfileRow {
  singleton: number;
  name: string;
  contact_email: string;
  timezone: string;
  currency: string;
  copied_at: string;
}

export interface BackupSettingsRow {
  singleton: number;
  enabled: number;
  daily_at: string;
  timezone: string | null;
  keep_daily: number;
  keep_weekly: number;
  archive_retention_days: number;
  updated_at: string | null;
}

export type RunOperation = 'backup' | 'restore';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed';

export interface BackupRunRow {
  id: string;
  operation: RunOperation;
  trigger: BackupTrigger;
  clinic_id: string | null;
  slot: string | null;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  backup_id: string | null;
  message: string | null;
  failures: string | null;
}

type BackupTables = {
  backup_settings: BackupSettingsRow;
  backup_runs: BackupRunRow;
};

/** Master with the backup tables, which only this module reads and writes. */
export const backupMaster = (master: Kysely<MasterDB>) => master.withTables<BackupTables>();
