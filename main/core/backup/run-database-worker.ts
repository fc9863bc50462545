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

type Answer = { progress: { done: number; total: number } } | { error: string } | Refused | CopiedFile | { facts: FileFacts };

interface Waiting {
  settle: (answer: Answer) => void;
  fail: (err: unknown) => void;
  onProgress?: OnProgress;
}

/**
 * Runs database-worker.cjs tasks in a worker thread: better-sqlite3 is synchronous, and on the
 * main thread copying or checking a large file would freeze every window for its whole length.
 * Tasks run one at a time in the order given; one worker serves many (a backup of every clinic
 * starts a thread and loads SQLite into it once, not once a clinic). close() ends it.
 */
export class DatabaseWorker {
  #thread: Thread | undefined;
  #closed = false;

  /** Runs one task; an aborted signal ends the thread (it only reads files or writes its own new copy). */
  run<R extends InspectRequest | SnapshotRequest>(request: R, onProgress?: OnProgress, signal?: AbortSignal): Promise<Outcome<R>> {
    if (this.#closed) return Promise.reject(new Error('the database worker was closed'));
    // a thread that died with a task (SQLite crashing on a damaged file) is replaced for the next
    if (!this.#thread || this.#thread.ended) this.#thread = new Thread();
    return this.#thread.run(request, onProgress, signal);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#thread?.close();
  }
}

class Thread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #lastId = 0;
  ended: unknown;

  constructor() {
    const source = databaseWorkerSource();
    this.#worker = new Worker(source.code, { eval: true, workerData: { betterSqlitePath: source.betterSqlitePath, nativeBinding: sqliteNativeBinding() } });
    this.#worker.on('message', (answer: Answer & { id: number }) => {
      const waiting = this.#waiting.get(answer.id);
      if (!waiting) return;
      if ('progress' in answer) waiting.onProgress?.(answer.progress);
      else {
        this.#waiting.delete(answer.id);
        waiting.settle(answer);
      }
    });
    this.#worker.once('error', (err) => this.#end(err));
    this.#worker.once('exit', (code) => this.#end(new Error(`database worker exited with code ${code}`)));
  }

  #end(reason: unknown): void {
    this.ended ??= reason;
    for (const waiting of this.#waiting.values()) waiting.fail(this.ended);
    this.#waiting.clear();
  }

  run<R extends InspectRequest | SnapshotRequest>(request: R, onProgress?: OnProgress, signal?: AbortSignal): Promise<Outcome<R>> {
    signal?.throwIfAborted();
    const id = ++this.#lastId;
    return new Promise<Outcome<R>>((resolve, reject) => {
      const stop = () => {
        this.#end(signal?.reason);
        void this.#worker.terminate();
      };
      signal?.addEventListener('abort', stop, { once: true });
      const done = () => signal?.removeEventListener('abort', stop);
      this.#waiting.set(id, {
        settle: (answer) => {
          done();
          if ('error' in answer) reject(new Error(`database worker failed: ${answer.error}`));
          else resolve(answer as Outcome<R>);
        },
        fail: (err) => {
          done();
          reject(err);
        },
        ...(onProgress && { onProgress }),
      });
      this.#worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    this.#end(new Error('the database worker was closed'));
    await this.#worker.terminate();
  }
}

/** One task in a worker of its own, ended when the task is. */
export async function runDatabaseWorker<R extends InspectRequest | SnapshotRequest>(request: R, onProgress?: OnProgress, signal?: AbortSignal): Promise<Outcome<R>> {
  const worker = new DatabaseWorker();
  try {
    return await worker.run(request, onProgress, signal);
  } finally {
    await worker.close();
  }
}
