import type { Kysely } from 'kysely';
import { existsSync } from 'node:fs';
import { recoverArchives } from './archive/recover-archives';
import { DEFAULT_SCRYPT, type ScryptParams } from './auth/password';
import { recoverBackups } from './backup/recover-backups';
import { systemClock, type Clock } from './clock';
import { dataLayout, ensureDataLayout, type DataLayout } from './config/data-dir';
import { AppError } from './errors';
import { openMaster } from './master/open-master';
import type { MasterDB } from './master/schema';
import { recoverProvisioning } from './tenancy/recover-provisioning';
import { TenantPool } from './tenancy/tenant-pool';

export interface CoreOptions {
  dataDir: string;
  /** Open clinic handles kept in the cache (default 32). */
  cacheSize?: number;
  clock?: Clock;
  scrypt?: ScryptParams;
  /**
   * 'serve' (the app, and CLI commands that change things) migrates master and repairs
   * interrupted work; 'inspect' (reports) changes nothing at all in the data folder.
   */
  mode?: 'serve' | 'inspect';
  /** Whether a missing data folder may be created (the app, registering a clinic); default true. */
  create?: boolean;
}

/** Everything main's services need, created once per process and passed down, never global. */
export interface Core {
  layout: DataLayout;
  master: Kysely<MasterDB>;
  tenants: TenantPool;
  clock: Clock;
  scrypt: ScryptParams;
  /**
   * Work that goes on after the call that started it returned. close() asks it to stop (the
   * signal aborts) and waits until it has: quitting never waits for a long check to finish.
   */
  track<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the data folder: creates it owner-only on first run, migrates master and repairs any
 * registration a crash interrupted. Clinic files are opened lazily, so start-up time does not
 * grow with the number of clinics.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const mode = options.mode ?? 'serve';
  let layout = dataLayout(options.dataDir);
  // a mistyped folder must not become a new, empty and apparently healthy data folder
  if ((mode === 'inspect' || options.create === false) && !existsSync(layout.masterPath)) {
    throw new AppError('NOT_FOUND', 'There is no MedAdmin data folder there (it has no master database).');
  }
  if (mode === 'serve') layout = ensureDataLayout(layout);
  const master = await openMaster(layout, mode);
  const tenants = new TenantPool({ tenantsDir: layout.tenantsDir, capacity: options.cacheSize });
  const pending = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  const core: Core = {
    layout,
    master,
    tenants,
    clock: options.clock ?? systemClock,
    scrypt: options.scrypt ?? DEFAULT_SCRYPT,
    track(start) {
      const work = start(stopping.signal);
      pending.add(work);
      const settled = () => pending.delete(work);
      work.then(settled, settled);
      return work;
    },
    async close() {
      stopping.abort();
      await Promise.allSettled(pending);
      await tenants.closeAll();
      await master.destroy();
    },
  };
  if (mode === 'inspect') return core;
  try {
    // an interrupted restore or import is settled first: it may put a clinic's file back
    await recoverBackups(core);
    await recoverProvisioning(core);
    await recoverArchives(core);
  } catch (err) {
    await core.close();
    throw err;
  }
  return core;
}
