import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkPasswordPolicy } from '../auth/password';
import { writeAudit, type AuditActor } from '../clinic/audit';
import type { Core } from '../core';
import { AppError } from '../errors';
import { fsyncDirectory } from '../fs-sync';
import { ensurePrivateDir } from './backup-paths';
import { assertNotArchived, findClinic, profileOf, type ClinicRecord } from './clinic-record';
import { encryptFile } from './export-format';
import { phase, type OnProgress } from './progress';
import { snapshotDatabase, type Snapshot } from './snapshot';

interface ExportOptions {
  actor: AuditActor;
  /** Encrypts the export; must pass the password policy, as it guards a whole practice. */
  passphrase?: string;
  /** The app's save dialog has already asked; the command line refuses to overwrite. */
  overwrite?: boolean;
  onProgress?: OnProgress;
}

interface ExportResult {
  encrypted: boolean;
  bytes: number;
  /** The file's name only, never its folder. */
  fileName: string;
}

function snapshotTo(core: Core, clinic: ClinicRecord, file: string, onProgress?: OnProgress): Promise<Snapshot> {
  const ref = { id: clinic.id, slug: clinic.slug };
  return core.tenants.use(ref, (handle) =>
    snapshotDatabase({ file: handle.path, inService: true }, file, {
      expect: { kind: 'clinic', clinic: ref },
      profile: profileOf(clinic),
      onProgress,
      label: clinic.name,
      now: core.clock(),
      pageCheck: true,
    }),
  );
}

/**
 * Writes a clinic's whole database to one portable file: a plain SQLite database, or an
 * encrypted export when a passphrase is given. Either carries the clinic's identity and profile,
 * so `import` can bring it in on another machine. The export is recorded in the clinic's audit
 * trail first, so the file itself shows it was exported.
 */
export async function exportClinic(core: Core, clinicId: string, dest: string, options: ExportOptions): Promise<ExportResult> {
  const passphrase = options.passphrase === undefined ? undefined : checkPasswordPolicy(options.passphrase, 'passphrase');
  const clinic = await findClinic(core, { id: clinicId });
  assertNotArchived(clinic);
  if (!options.overwrite && existsSync(dest)) throw new AppError('CONFLICT', 'A file of that name already exists; choose another name.', { out: 'Already exists.' });
  const ref = { id: clinic.id, slug: clinic.slug };
  await core.tenants.use(ref, (handle) =>
    writeAudit(handle.db, options.actor, { action: 'clinic.exported', entity: 'clinic', entityId: clinic.id, details: { encrypted: !!passphrase } }, core.clock()),
  );
  if (!passphrase) {
    await snapshotTo(core, clinic, dest, options.onProgress);
    return { encrypted: false, bytes: statSync(dest).size, fileName: path.basename(dest) };
  }
  // the plaintext copy stays inside the owner-only data folder while it is encrypted out
  const work = path.join(ensurePrivateDir(path.join(ensurePrivateDir(core.layout.backupsDir), '.work')), `${randomUUID()}.sqlite3`);
  const partial = `${dest}.partial`;
  try {
    const snapshot = await snapshotTo(core, clinic, work, phase(options.onProgress, 0, 2));
    rmSync(partial, { force: true });
    await encryptFile(work, partial, {
      passphrase,
      kdf: core.scrypt,
      clinic: { id: clinic.id, slug: clinic.slug, name: clinic.name },
      schema: snapshot.facts.schema,
      now: core.clock(),
      onProgress: phase(options.onProgress, 1, 2),
    });
    renameSync(partial, dest);
    fsyncDirectory(dest);
  } finally {
    rmSync(work, { force: true });
    rmSync(partial, { force: true });
  }
  return { encrypted: true, bytes: statSync(dest).size, fileName: path.basename(dest) };
}
