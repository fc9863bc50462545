import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AuditActor } from '../clinic/audit';
import type { Core } from '../core';
import { tenantDbPath } from '../tenancy/slug';
import { recordedRun } from './backup-runs';
import { assertNotArchived, findClinic, type ClinicRecord } from './clinic-record';
import { findClinicBackup } from './list-backups';
import type { AfterStep, OnProgress } from './progress';
import { takeSafetyBackup, type SafetyBackup } from './safety-backup';
import { beginOperation, endOperation, type StagedOperation } from './staged-operation';
import { finishIncoming, stageIncoming, type SourceFile } from './stage-incoming';
import { swapIn, type SwapStep } from './swap-database';

/** A backup from the clinic's list (by id), or any backup or export file. */
export type RestoreSource = { backupId: string; root?: string } | { file: string; passphrase?: string };

export type RestoreStep = 'incoming-ready' | SwapStep | 'safety-backup-taken';

interface RestoreOptions {
  actor: AuditActor;
  onProgress?: OnProgress;
  afterStep?: AfterStep<RestoreStep>;
}

interface RestoreResult extends SafetyBackup {
  /** Migrations applied because the backup was made by an older version. */
  migrated: string[];
}

interface PreparedRestore {
  clinic: ClinicRecord;
  /** Migrations applied to the prepared copy (a backup made by an older version). */
  migrated: string[];
  /** Replaces the clinic's database (after a safety backup); the clinic is briefly unavailable. */
  commit(): Promise<RestoreResult>;
  discard(): void;
}

function resolveSource(core: Core, clinic: ClinicRecord, source: RestoreSource): SourceFile & { backupId?: string } {
  if ('file' in source) return { file: source.file, passphrase: source.passphrase };
  const backup = findClinicBackup(source.root ?? core.layout.backupsDir, clinic.id, source.backupId);
  return { file: backup.file, sha256: backup.entry.sha256, backupId: backup.id };
}

/**
 * Leaves an operation that failed: its files go, except a database set aside whose place is
 * still empty (a failed put-back), which the next start restores.
 */
export function abandonOperation(op: StagedOperation): void {
  const target = op.target && path.join(op.tenantsDir, op.target);
  if (target && existsSync(op.previous) && !existsSync(target)) return;
  endOperation(op);
}

/**
 * The swap itself, with the safety backup taken from the old file once it is out of service,
 * so that it holds every change made before the restore and nothing can change it after.
 */
export async function commitSwap(core: Core, clinic: ClinicRecord, op: StagedOperation, afterStep?: AfterStep<RestoreStep>): Promise<SafetyBackup> {
  let safety: SafetyBackup = { backupId: null, keptDamagedCopy: false };
  try {
    await swapIn(core, op, {
      clinicId: clinic.id,
      afterStep,
      whileOut: async (previous) => {
        if (previous) safety = await takeSafetyBackup(core, clinic, previous);
        await afterStep?.('safety-backup-taken');
      },
    });
  } catch (err) {
    abandonOperation(op);
    throw err;
  }
  // opened once through the pool, so the clinic is served again straight away
  await core.tenants.use({ id: clinic.id, slug: clinic.slug }, () => undefined);
  return safety;
}

/**
 * Restore, first half: the source is copied (or decrypted) beside the clinic's file, checked,
 * migrated and stamped with an audit entry. Any refusal happens here, before anything of the
 * clinic is touched. The clinic stays in service until commit().
 */
export async function prepareRestore(core: Core, clinicId: string, source: RestoreSource, options: RestoreOptions): Promise<PreparedRestore> {
  const clinic = await findClinic(core, { id: clinicId });
  assertNotArchived(clinic);
  const ref = { id: clinic.id, slug: clinic.slug };
  const from = resolveSource(core, clinic, source);
  const now = core.clock();
  const op = await beginOperation(core.layout.tenantsDir, 'restore', tenantDbPath(core.layout.tenantsDir, clinic.slug), now);
  let migrated: string[];
  try {
    const staged = await stageIncoming(from, op.incoming, { kind: 'clinic', clinic: ref }, options.onProgress);
    migrated = await finishIncoming(
      op.incoming,
      options.actor,
      {
        action: 'clinic.restored',
        entity: 'clinic',
        entityId: clinic.id,
        details: {
          source: from.backupId ? 'backup' : staged.header ? 'encrypted-export' : 'file',
          ...(from.backupId && { backupId: from.backupId }),
          schemaOfBackup: staged.facts.schema.at(-1) ?? null,
        },
      },
      now,
    );
    await options.afterStep?.('incoming-ready');
  } catch (err) {
    endOperation(op);
    throw err;
  }
  let settled = false;
  return {
    clinic,
    migrated,
    commit: () => {
      if (settled) throw new Error('this restore was already committed or discarded');
      settled = true;
      return recordedRun(core, { operation: 'restore', trigger: 'manual', clinicId: clinic.id }, async () => {
        const safety = await commitSwap(core, clinic, op, options.afterStep);
        const message = safety.keptDamagedCopy ? 'The replaced database was damaged; its file was kept in the backups folder.' : null;
        return { value: { ...safety, migrated }, end: { status: 'ok', backupId: safety.backupId, message } };
      });
    },
    discard: () => {
      if (settled) return;
      settled = true;
      endOperation(op);
    },
  };
}

/** Replaces a clinic's database with a backup, end to end (the command line's restore). */
export async function restoreClinic(core: Core, clinicId: string, source: RestoreSource, options: RestoreOptions): Promise<RestoreResult> {
  const prepared = await prepareRestore(core, clinicId, source, options);
  return prepared.commit();
}
