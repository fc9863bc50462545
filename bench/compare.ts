import type Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import type { Core } from '../main/core/core';
import { sidecarPaths } from '../main/core/db/sqlite';
import type { ClinicRef } from '../main/core/tenancy/identity';
import { rawOpen } from './raw-sqlite';
import { recordStatements, type StatementCall } from './sql-replay';
import { since } from './stats';

export interface Comparison {
  /** Through the product (dispatcher, handler, Kysely, our driver), per call in ms. */
  product: number[];
  /** The same statements with the same values, prepared and run straight on better-sqlite3. */
  raw: number[];
  /** Through the product, the clinic's database opened afresh for the call and closed after it. */
  naive: number[];
}

interface CompareOptions<T> {
  core: Core;
  clinic: ClinicRef;
  inputs: readonly T[];
  call: (input: T) => Promise<unknown>;
  /** Calls that write replay on a copy of the file as it was before them; reads replay on the file itself. */
  writes: boolean;
  /** Inputs for the naive pattern, run after the others and not replayed. */
  naiveInputs: readonly T[];
  /** Calls run first and not counted, so that compiled queries and caches are warm on every side. */
  warmup: number;
  scratchFile: string;
}

/** Inputs timed through the product before the raw side replays them. */
const BLOCK = 10;

async function clinicSqlite(core: Core, clinic: ClinicRef) {
  return core.tenants.use(clinic, (h) => ({ sqlite: h.sqlite, path: h.path }));
}

/**
 * Times the same work three ways in one run: the product, the raw limit of this machine and the
 * reference design's naive pattern. The product's calls are recorded at the better-sqlite3
 * level, so "raw" runs exactly the SQL the product ran, nothing hand-written that could drift.
 */
export async function compareWithBaselines<T>(options: CompareOptions<T>): Promise<Comparison> {
  const { core, clinic, inputs, call, warmup } = options;
  const { sqlite, path } = await clinicSqlite(core, clinic);
  if (options.writes) {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(path, options.scratchFile);
  }
  // product and raw take turns, a block at a time, so that both meet the machine in the same
  // state (this one is shared); within a block raw still runs its statements back to back
  const product: number[] = [];
  const raw: number[] = [];
  const rawDb: Database.Database = rawOpen(options.writes ? options.scratchFile : path);
  const recorder = recordStatements(sqlite);
  const cache = new Map<string, Database.Statement>();
  try {
    for (let from = 0; from < inputs.length; from += BLOCK) {
      const recorded: StatementCall[][] = [];
      for (const input of inputs.slice(from, from + BLOCK)) {
        const start = performance.now();
        await call(input);
        product.push(since(start));
        const calls = recorder.take();
        if (!calls.length) throw new Error('no statements recorded: the clinic was reopened during the comparison');
        recorded.push(calls);
      }
      for (const calls of recorded) raw.push(recorder.replay(rawDb, calls, cache));
    }
  } finally {
    recorder.stop();
    rawDb.close();
    for (const f of [options.scratchFile, ...sidecarPaths(options.scratchFile)]) rmSync(f, { force: true });
  }

  const naive: number[] = [];
  await core.tenants.close(clinic.id);
  for (const input of options.naiveInputs) {
    const start = performance.now();
    await call(input);
    await core.tenants.close(clinic.id);
    naive.push(since(start));
  }
  return { product: product.slice(warmup), raw: raw.slice(warmup), naive };
}
