import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { fsyncDirectory } from '../fs-sync';
import { removeDatabaseFile } from '../tenancy/provisioning-files';
import { moveDatabaseFiles, writeFileDurable } from './file-io';

/**
 * A restore or import in progress, as files in the clinics folder:
 *   .op-<id>.json      the journal: which process, which clinic file (once known)
 *   .op-<id>.incoming  the new database, prepared and checked before anything is replaced
 *   .op-<id>.previous  the database it replaces, moved aside during the swap
 * The journal is written first and removed last, so every leftover of a crash is found
 * through it. Recovery is decided by which files exist (see recoverOperations).
 */
export interface StagedOperation {
  id: string;
  tenantsDir: string;
  journal: string;
  incoming: string;
  previous: string;
  /** The clinic file's name in the clinics folder, once known. */
  target: string | null;
}

const journalSchema = z.object({
  pid: z.number().int(),
  operation: z.enum(['restore', 'import']),
  target: z.string().regex(/^tenant_[a-z0-9_]+\.sqlite3$/).nullable(),
  startedAt: z.string(),
});
type Journal = z.infer<typeof journalSchema>;

const JOURNAL = /^\.op-([0-9a-f-]{36})\.json$/;
const JOURNAL_PARTIAL = /^\.op-[0-9a-f-]{36}\.json\.partial$/;

function filesFor(tenantsDir: string, id: string): Pick<StagedOperation, 'journal' | 'incoming' | 'previous'> {
  const base = path.join(tenantsDir, `.op-${id}`);
  return { journal: `${base}.json`, incoming: `${base}.incoming`, previous: `${base}.previous` };
}

async function writeJournal(op: StagedOperation, journal: Journal): Promise<void> {
  await writeFileDurable(op.journal, JSON.stringify(journal));
}

/**
 * One restore or import per clinic file at a time, across processes: each journal is written
 * before the others are looked at, so of two racing operations at least one sees the other.
 */
function assertAlone(op: StagedOperation, now: Date): void {
  for (const name of readdirSync(op.tenantsDir)) {
    const match = JOURNAL.exec(name);
    if (!match?.[1] || match[1] === op.id) continue;
    const other = readJournal(path.join(op.tenantsDir, name));
    if (other?.target === op.target && (other.pid === process.pid || runsElsewhere(other, now))) {
      endOperation(op);
      throw new AppError('CONFLICT', 'Another restore or import of this clinic is in progress. Try again once it has finished.');
    }
  }
}

export async function beginOperation(tenantsDir: string, operation: Journal['operation'], target: string | null, now: Date): Promise<StagedOperation> {
  const id = randomUUID();
  const op: StagedOperation = { id, tenantsDir, ...filesFor(tenantsDir, id), target: target && path.basename(target) };
  await writeJournal(op, { pid: process.pid, operation, target: op.target, startedAt: now.toISOString() });
  if (op.target) assertAlone(op, now);
  return op;
}

/** Names the clinic file before the swap, so that a crash during it can be undone. */
export async function setTarget(op: StagedOperation, operation: Journal['operation'], target: string, now: Date): Promise<void> {
  op.target = path.basename(target);
  await writeJournal(op, { pid: process.pid, operation, target: op.target, startedAt: now.toISOString() });
  assertAlone(op, now);
}

/** Removes what is left of an operation; the journal goes last. */
export function endOperation(op: Pick<StagedOperation, 'journal' | 'incoming' | 'previous'>): void {
  removeDatabaseFile(op.previous);
  removeDatabaseFile(op.incoming);
  rmSync(op.journal, { force: true });
  fsyncDirectory(op.journal);
}

/** A journal younger than this whose process still runs belongs to an operation in progress. */
const LIVE_FOR_MS = 24 * 3_600_000;

function runsElsewhere(journal: Journal, now: Date): boolean {
  if (journal.pid === process.pid || now.getTime() - Date.parse(journal.startedAt) > LIVE_FOR_MS) return false;
  try {
    process.kill(journal.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJournal(file: string): Journal | null {
  try {
    const parsed = journalSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Finishes what a crash interrupted, leaving each clinic file whole, old or new:
 *  - the old file moved aside and the new one not yet in its place: the old one goes back;
 *  - the new one in place: what was set aside is removed;
 *  - nothing moved yet: the prepared copy is removed.
 * Operations of another process that is still running are left alone.
 */
export function recoverOperations(tenantsDir: string, now: Date): number {
  let recovered = 0;
  for (const name of readdirSync(tenantsDir)) {
    // a journal being written when the crash came: nothing was staged under it yet
    if (JOURNAL_PARTIAL.test(name)) rmSync(path.join(tenantsDir, name), { force: true });
    const match = JOURNAL.exec(name);
    if (!match?.[1]) continue;
    const files = filesFor(tenantsDir, match[1]);
    const journal = readJournal(files.journal);
    // an unreadable journal cannot say where a set-aside database belongs: keep it for a person
    if (!journal && existsSync(files.previous)) continue;
    if (journal && runsElsewhere(journal, now)) continue;
    if (journal?.target && existsSync(files.previous)) {
      const target = path.join(tenantsDir, journal.target);
      if (!existsSync(target)) {
        moveDatabaseFiles(files.previous, target);
        fsyncDirectory(target);
      }
    }
    endOperation(files);
    recovered += 1;
  }
  return recovered;
}
