import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { fsyncDirectory } from '../fs-sync';
import { moveDatabaseFiles } from './file-io';
import { takeOutOfService } from './out-of-service';
import type { AfterStep } from './progress';
import { endOperation, type StagedOperation } from './staged-operation';

export type SwapStep = 'previous-moved' | 'swapped';

interface SwapOptions {
  clinicId: string;
  /** Runs while the old file is out of service (null if there was none); a failure puts it back. */
  whileOut?: (previous: string | null) => Promise<void>;
  afterStep?: AfterStep<SwapStep>;
}

/**
 * Replaces a clinic's database with the operation's prepared copy so that a crash at any
 * point leaves one whole database at the clinic's name, old or new: the old file (and its
 * write-ahead log) is renamed aside, then the new file is renamed into place — the one atomic
 * step that commits — and only then is the old one removed. recoverOperations finishes or
 * undoes an interrupted swap at the next start.
 */
export async function swapIn(core: Core, op: StagedOperation, options: SwapOptions): Promise<void> {
  if (!op.target) throw new Error('the operation has no target yet');
  const target = path.join(op.tenantsDir, op.target);
  await takeOutOfService(core, options.clinicId, target, op.previous);
  const hadPrevious = existsSync(op.previous);
  try {
    await options.afterStep?.('previous-moved');
    await options.whileOut?.(hadPrevious ? op.previous : null);
  } catch (err) {
    if (hadPrevious) moveDatabaseFiles(op.previous, target);
    fsyncDirectory(target);
    throw err;
  }
  renameSync(op.incoming, target);
  fsyncDirectory(target);
  await options.afterStep?.('swapped');
  endOperation(op);
}
