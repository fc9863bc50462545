import { Worker } from 'node:worker_threads';
import { sqliteNativeBinding } from '../db/sqlite';
import type { Expectation, FileFacts } from './inspect-file';
import { inspectWorkerSource } from './inspect-worker-source';
import type { RefusalReason } from './refusal';

/** What inspect-worker.cjs posts back: plain data, never an object with a prototype. */
type WorkerOutcome = { facts: FileFacts } | { refused: RefusalReason; detail?: string };

type WorkerMessage = WorkerOutcome | { error: string };

interface WorkerRequest {
  file: string;
  expect: Expectation;
  applicationId: number;
  /** Migration names this build knows; any other applied name means a newer schema. */
  knownMigrations: string[];
}

/**
 * Runs the integrity check, identity, schema, row counts and profile reads in a worker thread:
 * better-sqlite3 is synchronous, and on the main thread a large file's integrity check would
 * freeze every window for its whole length. The worker opens the file read-only.
 */
export function inspectInWorker(request: WorkerRequest): Promise<WorkerOutcome> {
  const source = inspectWorkerSource();
  const nativeBinding = sqliteNativeBinding();
  const worker = new Worker(source.code, {
    eval: true,
    workerData: { ...request, betterSqlitePath: source.betterSqlitePath, nativeBinding },
  });
  return new Promise((resolve, reject) => {
    let outcome: WorkerMessage | undefined;
    worker.once('message', (message: WorkerMessage) => (outcome = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!outcome) reject(new Error(`backup inspection worker exited with code ${code} and no result`));
      else if ('error' in outcome) reject(new Error(`backup inspection failed in its worker: ${outcome.error}`));
      else resolve(outcome);
    });
  });
}
