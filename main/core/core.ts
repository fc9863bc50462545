import type { Kysely } from 'kysely';
import { recoverArchives } from './archive/recover-archives';
import { DEFAULT_SCRYPT, type ScryptParams } from './auth/password';
import { recoverBackups } from './backup/recover-backups';
import { systemClock, type Clock } from './clock';
import { dataLayout, ensureDataLayout, type DataLayout } from './config/data-dir';
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
}

/** Everything main's services need, created once per process and passed down, never global. */
export interface Core {
  layout: DataLayout;
  master: Kysely<MasterDB>;
  tenants: TenantPool;
  clock: Clock;
  scrypt: ScryptParams;
  close(): Promise<void>;
}

/**
 * Opens the data folder: creates it owner-only on first run, migrates master and repairs any
 * registration a crash interrupted. Clinic files are opened lazily, so start-up time does not
 * grow with the number of clinics.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const layout = ensureDataLayout(dataLayout(options.dataDir));
  const master = await openMaster(layout);
  const tenants = new TenantPool({ tenantsDir: layout.tenantsDir, capacity: options.cacheSize });
  const core: Core = {
    layout,
    master,
    tenants,
    clock: options.clock ?? systemClock,
    scrypt: options.scrypt ?? DEFAULT_SCRYPT,
    async close() {
      await tenants.closeAll();
      await master.destroy();
    },
  };
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
