import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { ALL_MANIFEST, ensurePrivateDir } from './backup-paths';
import { decryptFile, EXPORT_MAGIC, readExportHeader } from './export-format';
import { sha256File } from './file-io';
import { inspectDatabaseFile, type Expectation } from './inspect-file';
import { manifestBeside, readManifest, type DatabaseEntry, type Manifest } from './manifest';
import { FileRefusedError } from './refusal';
import { readFileStart } from './sqlite-header';

interface VerifyCheck {
  name: 'manifest' | 'present' | 'checksum' | 'database' | 'row-counts' | 'complete' | 'encryption';
  ok: boolean;
  detail: string;
}

interface VerifiedDatabase {
  /** The database file's name (never its folder). */
  file: string;
  slug: string | null;
  checks: VerifyCheck[];
}

export interface VerifyReport {
  ok: boolean;
  kind: 'clinic-backup' | 'everything' | 'database' | 'encrypted-export';
  createdAt: string | null;
  checks: VerifyCheck[];
  databases: VerifiedDatabase[];
}

const pass = (name: VerifyCheck['name'], detail: string): VerifyCheck => ({ name, ok: true, detail });
const fail = (name: VerifyCheck['name'], detail: string): VerifyCheck => ({ name, ok: false, detail });

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

async function checkDatabase(file: string, expect: Expectation, entry: DatabaseEntry | null): Promise<VerifyCheck[]> {
  if (!existsSync(file)) return [fail('present', 'the database file is missing')];
  const checks: VerifyCheck[] = [];
  if (entry) {
    const sha = await sha256File(file);
    checks.push(sha === entry.sha256 ? pass('checksum', 'matches the manifest') : fail('checksum', 'differs from the manifest: the file changed after the backup'));
  }
  try {
    const facts = await inspectDatabaseFile(file, expect);
    const who = facts.clinic ? `clinic ${facts.clinic.slug}` : 'master';
    checks.push(pass('database', `intact; ${who}; schema ${facts.schema.at(-1) ?? 'empty'}`));
    if (entry) {
      const same = sameCounts(facts.rowCounts, entry.rowCounts);
      checks.push(same ? pass('row-counts', 'match the manifest') : fail('row-counts', 'differ from the manifest'));
    }
  } catch (err) {
    if (!(err instanceof FileRefusedError)) throw err;
    checks.push(fail('database', err.message));
  }
  return checks;
}

const expectationFor = (entry: DatabaseEntry): Expectation =>
  entry.role === 'master' ? { kind: 'master' } : { kind: 'clinic', ...(entry.clinic && { clinic: { id: entry.clinic.id, slug: entry.clinic.slug } }) };

async function verifyManifest(dir: string, manifest: Manifest, kind: VerifyReport['kind']): Promise<VerifyReport> {
  const databases: VerifiedDatabase[] = [];
  for (const entry of manifest.databases) {
    databases.push({ file: entry.file, slug: entry.clinic?.slug ?? null, checks: await checkDatabase(path.join(dir, entry.file), expectationFor(entry), entry) });
  }
  const checks = [pass('manifest', `${manifest.kind} backup, ${manifest.trigger}, written by version ${manifest.appVersion}`)];
  if (manifest.failures.length) checks.push(fail('complete', `could not copy: ${manifest.failures.map((f) => f.slug).join(', ')}`));
  return summarise(kind, manifest.createdAt, checks, databases);
}

function summarise(kind: VerifyReport['kind'], createdAt: string | null, checks: VerifyCheck[], databases: VerifiedDatabase[]): VerifyReport {
  const ok = checks.every((c) => c.ok) && databases.every((d) => d.checks.every((c) => c.ok));
  return { ok, kind, createdAt, checks, databases };
}

async function verifyExport(core: Core, file: string, passphrase: string | undefined): Promise<VerifyReport> {
  let found;
  try {
    found = await readExportHeader(file);
  } catch (err) {
    if (!(err instanceof FileRefusedError)) throw err;
    return summarise('encrypted-export', null, [fail('encryption', err.message)], []);
  }
  if (!found) throw new Error('not an export');
  const { header } = found;
  const name = path.basename(file);
  if (passphrase === undefined) {
    return summarise('encrypted-export', header.createdAt, [fail('encryption', 'encrypted: give the passphrase to check its contents')], []);
  }
  const work = path.join(ensurePrivateDir(path.join(ensurePrivateDir(core.layout.backupsDir), '.work')), `${randomUUID()}.sqlite3`);
  try {
    await decryptFile(file, work, passphrase);
    const checks = await checkDatabase(work, { kind: 'clinic', clinic: { id: header.clinic.id, slug: header.clinic.slug } }, null);
    return summarise('encrypted-export', header.createdAt, [pass('encryption', 'decrypted and authenticated')], [{ file: name, slug: header.clinic.slug, checks }]);
  } catch (err) {
    if (!(err instanceof FileRefusedError)) throw err;
    return summarise('encrypted-export', header.createdAt, [fail('encryption', err.message)], []);
  } finally {
    for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * Checks a backup as restore would, without restoring it: a backup of everything (its folder
 * or manifest), one clinic's backup (its database file or manifest), an export, or any
 * database file. Against a manifest it also compares the checksum and the row counts.
 */
export async function verifyBackup(core: Core, target: string, options: { passphrase?: string } = {}): Promise<VerifyReport> {
  const stat = statSync(target);
  if (stat.isDirectory()) {
    const manifest = readManifest(path.join(target, ALL_MANIFEST));
    if (!manifest) return summarise('everything', null, [fail('manifest', 'no readable manifest.json in the folder')], []);
    return verifyManifest(target, manifest, 'everything');
  }
  if (path.basename(target) === ALL_MANIFEST || target.endsWith('.manifest.json')) {
    const manifest = readManifest(target);
    if (!manifest) return summarise('clinic-backup', null, [fail('manifest', 'not a readable backup manifest')], []);
    return verifyManifest(path.dirname(target), manifest, manifest.kind === 'all' ? 'everything' : 'clinic-backup');
  }
  if (readFileStart(target, EXPORT_MAGIC.length).equals(EXPORT_MAGIC)) return verifyExport(core, target, options.passphrase);
  const manifest = readManifest(manifestBeside(target));
  const entry = manifest?.databases.find((d) => d.file === path.basename(target));
  if (manifest && entry) return verifyManifest(path.dirname(target), { ...manifest, databases: [entry] }, 'clinic-backup');
  // master is only ever backed up with a manifest; a lone file must be a clinic's
  const checks = await checkDatabase(target, { kind: 'clinic' }, null);
  return summarise('database', null, [pass('manifest', 'none beside the file: the database was checked on its own')], [
    { file: path.basename(target), slug: null, checks },
  ]);
}
