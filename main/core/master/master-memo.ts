import { CompiledQuery, type Kysely } from 'kysely';
import { executeCompiled } from '../db/kysely-sqlite';
import type { MasterDB } from './schema';

/**
 * Master reads reused for as long as master has not changed since they were made. Whether it
 * changed costs one small query: PRAGMA data_version moves when another connection (the CLI,
 * another window's process) commits, and total_changes() when this connection writes. Every
 * clinic call used to read the same membership, clinic, plan and subscription rows afresh
 * (four queries, most of the dispatcher's cost per call, measured by bench/metrics/screens.ts);
 * a revoked membership or ended subscription is still seen by the very next call.
 */
export class MasterMemo {
  readonly #master: Kysely<MasterDB>;
  /**
   * Compiled once: they run on every request. Two statements cost less than one: the plain pragma
   * is about half the price of the pragma_data_version table it would otherwise be read through.
   */
  readonly #dataVersion = CompiledQuery.raw('pragma data_version') as CompiledQuery<{ data_version: number }>;
  readonly #ownChanges = CompiledQuery.raw('select total_changes() as c') as CompiledQuery<{ c: number }>;
  readonly #entries = new Map<string, unknown>();
  #dataVersionSeen: number | undefined;
  #ownChangesSeen: number | undefined;
  /** Moves each time the entries are forgotten. */
  #generation = 0;

  constructor(master: Kysely<MasterDB>) {
    this.#master = master;
  }

  /** Call at the start of each request; forgets everything if master changed since the last. */
  async refresh(): Promise<void> {
    const dataVersion = (await executeCompiled(this.#master, this.#dataVersion)).rows[0]?.data_version;
    const ownChanges = (await executeCompiled(this.#master, this.#ownChanges)).rows[0]?.c;
    if (dataVersion !== this.#dataVersionSeen || ownChanges !== this.#ownChangesSeen || dataVersion === undefined) {
      this.#entries.clear();
      this.#generation += 1;
    }
    this.#dataVersionSeen = dataVersion;
    this.#ownChangesSeen = ownChanges;
  }

  /** The value `load` read under `key` since master last changed; shared between calls, so never to be modified. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#entries.has(key)) return this.#entries.get(key) as T;
    const generation = this.#generation;
    const value = await load();
    // a load that began before master changed may have read the old rows: used once, not kept
    if (generation === this.#generation) this.#entries.set(key, value);
    return value;
  }
}
