import { sql, type CompiledQuery, type Kysely } from 'kysely';
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
  /** Compiled once: it runs on every request. */
  readonly #versionQuery: CompiledQuery<{ v: number; c: number }>;
  readonly #entries = new Map<string, unknown>();
  #version: string | undefined;

  constructor(master: Kysely<MasterDB>) {
    this.#master = master;
    this.#versionQuery = sql<{ v: number; c: number }>`select (select data_version from pragma_data_version) as v, total_changes() as c`.compile(master);
  }

  /** Call at the start of each request; forgets everything if master changed since the last. */
  async refresh(): Promise<void> {
    const { rows } = await executeCompiled(this.#master, this.#versionQuery);
    const version = `${rows[0]?.v}:${rows[0]?.c}`;
    if (version !== this.#version) this.#entries.clear();
    this.#version = version;
  }

  /** The value `load` read under `key` since master last changed; shared between calls, so never to be modified. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#entries.has(key)) return this.#entries.get(key) as T;
    const value = await load();
    this.#entries.set(key, value);
    return value;
  }
}
