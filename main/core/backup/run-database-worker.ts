import { Worker } from 'node:worker_threads';
import { sqliteNativeBinding } from '../db/sqlite';
import { databaseWorkerSource } from './database-worker-source';
import type { ClinicProfile, Expectation, FileFacts } from './inspect-file';
import type { OnProgress } from './progress';
import type { RefusalReason } from './refusal';

interface Common {
  expect: Expectation;
  applicationId: number;
  /** Migration names this build knows; any other applied name means a newer schema. */
  knownMigrations: string[];
}

interface InspectRequest extends Common {
  task: 'inspect';
  file: string;
}

interface SnapshotRequest extends Common {
  task: 'snapshot';
  source: string;
  /** A clinic in service is read through a read-only connection beside the app's own. */
  sourceReadonly: boolean;
  /** A new, empty file the copy is written into. */
  dest: string;
  profile?: ClinicProfile;
  copiedAt: string;
  /** Whether the copy's every page is checked before its facts are read. */
  pageCheck: boolean;
}

export interface CopiedFile {
  facts: FileFacts;
  sha256: string;
  bytes: number;
}

type Refused = { refused: RefusalReason; detail?: string };

/** What database-worker.cjs posts: plain data, never an object with a prototype. */
type Outcome<R> = R extends SnapshotRequest ? CopiedFile | Refused : { facts: FileFacts } | Refused;

type WorkerMessage = { progress: { done: number; total: number } } | { error: string } | Refused | { facts: FileFacts };

/**
 * Runs a task of database-worker.cjs in a worker thread: better-sqlite3 is synchronous, and on
 * the main thread copying or checking a large file would freeze every window for its whole
 * length. Progress the worker reports is passed on as it comes; an aborted signal ends it.
 */
export function runDatabaseWorker<R extends InspectRequest | SnapshotRequest>(request: R, onProgress?: OnProgress, signal?: AbortSignal): Promise<Outcome<R>> {
  signal?.throwIfAborted();
  const source = databaseWorkerSource();
  const worker = new Worker(source.code, {
    eval: true,
    workerData: { ...request, betterSqlitePath: source.betterSqlitePath, nativeBinding: sqliteNativeBinding() },
  });
  return new Promise((resolve, reject) => {
    let outcome: WorkerMessage | undefined;
    // stopped, the worker ends mid-task; it only ever reads the file or writes its own new copy
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('exit', () => signal?.removeEventListener('abort', stop));
    worker.on('message', (message: WorkerMessage) => {
      if ('progress' in message) onProgress?.(message.progress);
      else outcome = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (signal?.aborted) reject(signal.reason);
      else if (!outcome) reject(new Error(`database worker exited with code ${code} and no result`));
      else if ('error' in outcome) reject(new Error(`database worker failed: ${outcome.error}`));
      else resolve(outcome as Outcome<R>);
    });
  });
}
