import { existsSync } from 'node:fs';
import type { AuditActor } from '../clinic/audit';
import { currencySchema, emailSchema, machineTimezone, timezoneSchema } from '../../../preload/contract/common-schemas';
import type { Core } from '../core';
import { AppError } from '../errors';
import { removeDatabaseFile } from '../tenancy/provisioning-files';
import type { ClinicRef } from '../tenancy/identity';
import { activateClinic } from '../tenancy/activate-clinic';
import { dbNameForSlug, tenantDbPath } from '../tenancy/slug';
import { recordedRun } from './backup-runs';
import { assertNotArchived, findClinic, type ClinicRecord } from './clinic-record';
import type { ClinicProfile } from './inspect-file';
import type { AfterStep, OnProgress } from './progress';
import { abandonOperation, commitSwap, type RestoreStep } from './restore-clinic';
import { beginOperation, setTarget, type StagedOperation } from './staged-operation';
import { finishIncoming, stageIncoming } from './stage-incoming';
import type { SafetyBackup } from './safety-backup';
import { swapIn } from './swap-database';

type ImportStep = RestoreStep | 'clinic-row' | 'activated';

interface ImportOptions {
  actor: AuditActor;
  /** Becomes the clinic's owner (a new clinic only; replacing keeps the memberships). */
  ownerId: string;
  passphrase?: string;
  /** Overwrite a clinic with the same identity already registered here (after a safety backup). */
  replace?: boolean;
  /** Checks the caller may replace that clinic; the app passes the person's role check. */
  authorizeReplace?: (clinic: ClinicRecord) => Promise<void>;
  plan?: string;
  onProgress?: OnProgress;
  afterStep?: AfterStep<ImportStep>;
}

interface ImportResult extends SafetyBackup {
  clinicId: string;
  slug: string;
  name: string;
  replaced: boolean;
  migrated: string[];
}

/** The profile a copy carries, with anything missing or no longer valid here filled sensibly. */
function profileFor(slug: string, carried: ClinicProfile | null, ownerEmail: string): ClinicProfile {
  const name = carried?.name.trim().slice(0, 120) || slug;
  const contact = emailSchema.safeParse(carried?.contactEmail);
  const timezone = timezoneSchema.safeParse(carried?.timezone);
  const currency = currencySchema.safeParse(carried?.currency);
  return {
    name,
    contactEmail: contact.success ? contact.data : ownerEmail,
    timezone: timezone.success ? timezone.data : machineTimezone(),
    currency: currency.success ? currency.data : 'USD',
  };
}

async function existingClinic(core: Core, id: string, slug: string): Promise<ClinicRecord | null> {
  const rows = await core.master.selectFrom('clinics').select(['id', 'slug']).where((eb) => eb.or([eb('id', '=', id), eb('slug', '=', slug)])).execute();
  if (!rows.length) return null;
  if (rows.some((r) => r.id !== id || r.slug !== slug)) {
    throw new AppError('CONFLICT', 'A different clinic here already uses this clinic code (or this clinic is registered under another code).');
  }
  return findClinic(core, { id });
}

async function owner(core: Core, userId: string): Promise<{ id: string; email: string }> {
  const user = await core.master.selectFrom('users').select(['id', 'email', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', 'That user does not exist.', { owner: 'Unknown user.' });
  if (user.disabled) throw new AppError('FORBIDDEN', 'That user account is disabled.', { owner: 'Disabled.' });
  return user;
}

/**
 * A new clinic from an imported file, in the order registration uses: a master row marked as
 * provisioning, the file renamed into place, then owner membership, trial subscription and
 * activation in one master transaction. A crash before activation is cleaned up by the start-up
 * recovery of registrations; any failure here removes what this call created.
 */
async function registerImported(core: Core, op: StagedOperation, clinic: ClinicRef, profile: ClinicProfile, options: ImportOptions): Promise<void> {
  const now = core.clock();
  const plan = await core.master.selectFrom('plans').selectAll().where('code', '=', options.plan ?? 'basic').executeTakeFirst();
  if (!plan) throw new AppError('VALIDATION', 'Unknown plan.', { plan: 'Choose basic, professional or enterprise.' });
  const target = tenantDbPath(core.layout.tenantsDir, clinic.slug);
  await core.master
    .insertInto('clinics')
    .values({
      id: clinic.id,
      name: profile.name,
      slug: clinic.slug,
      db_name: dbNameForSlug(clinic.slug),
      contact_email: profile.contactEmail,
      status: 'active',
      timezone: profile.timezone,
      currency: profile.currency,
      provisioning_state: 'provisioning',
      created_at: now.toISOString(),
    })
    .execute();
  let placed = false;
  try {
    await options.afterStep?.('clinic-row');
    await swapIn(core, op, { clinicId: clinic.id, afterStep: options.afterStep });
    placed = true;
    await core.master.transaction().execute((trx) => activateClinic(trx, { clinicId: clinic.id, ownerId: options.ownerId, plan, now }));
    await options.afterStep?.('activated');
  } catch (err) {
    abandonOperation(op);
    if (placed) removeDatabaseFile(target);
    await core.master.deleteFrom('clinics').where('id', '=', clinic.id).execute();
    throw err;
  }
}

interface PreparedImport {
  identity: ClinicRef;
  existing: ClinicRecord | null;
  profile: ClinicProfile | null;
  migrated: string[];
}

async function prepareImport(core: Core, op: StagedOperation, file: string, options: ImportOptions, now: Date): Promise<PreparedImport> {
  const staged = await stageIncoming({ file, passphrase: options.passphrase }, op.incoming, { kind: 'clinic' }, options.onProgress);
  const identity = staged.facts.clinic;
  if (!identity) throw new Error('a checked clinic file has an identity');
  const existing = await existingClinic(core, identity.id, identity.slug);
  if (existing) {
    if (!options.replace) {
      throw new AppError('CONFLICT', 'This clinic is already registered here. Import it with "replace" to overwrite its records (a safety backup is taken first).');
    }
    assertNotArchived(existing);
    await options.authorizeReplace?.(existing);
  } else if (existsSync(tenantDbPath(core.layout.tenantsDir, identity.slug))) {
    // a file no clinic owns: never overwritten, it may be someone's only copy
    throw new AppError('CONFLICT', "A database file with this clinic's code is already in the clinics folder; move it away first.");
  }
  await setTarget(op, 'import', tenantDbPath(core.layout.tenantsDir, identity.slug), now);
  const migrated = await finishIncoming(
    op.incoming,
    options.actor,
    { action: 'clinic.imported', entity: 'clinic', entityId: identity.id, details: { replaced: !!existing, encrypted: !!staged.header } },
    now,
  );
  return { identity, existing, profile: staged.facts.profile, migrated };
}

/**
 * Imports a clinic's file (a backup or an export, encrypted or not) as a clinic of this
 * installation, under the identity stamped in it. The file is checked as a restore checks it.
 * A clinic with that identity already here is refused unless `replace` is asked for, which
 * replaces its database exactly as a restore does, safety backup first.
 */
export async function importClinic(core: Core, file: string, options: ImportOptions): Promise<ImportResult> {
  const ownerUser = await owner(core, options.ownerId);
  const op = await beginOperation(core.layout.tenantsDir, 'import', null, core.clock());
  let prepared: PreparedImport;
  try {
    prepared = await prepareImport(core, op, file, options, core.clock());
  } catch (err) {
    abandonOperation(op);
    throw err;
  }
  await options.afterStep?.('incoming-ready');
  const { identity, existing, migrated } = prepared;
  if (existing) {
    const safety = await recordedRun(core, { operation: 'restore', trigger: 'manual', clinicId: existing.id }, async () => {
      const value = await commitSwap(core, existing, op, options.afterStep);
      return { value, end: { status: 'ok', backupId: value.backupId, message: 'Replaced by an imported file.' } };
    });
    return { ...safety, clinicId: existing.id, slug: existing.slug, name: existing.name, replaced: true, migrated };
  }
  const profile = profileFor(identity.slug, prepared.profile, ownerUser.email);
  await registerImported(core, op, identity, profile, options);
  return { clinicId: identity.id, slug: identity.slug, name: profile.name, replaced: false, migrated, backupId: null, keptDamagedCopy: false };
}
