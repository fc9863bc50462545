import type { Faker } from '@faker-js/faker';
import path from 'node:path';
import { startCore } from '../main/core/core';
import { registerClinic } from '../main/core/tenancy/register-clinic';
import { BENCH_SCRYPT } from './chain';
import { fillPatients } from './data/bulk-patients';
import { cloneClinics } from './data/fleet';
import { measureBackupAll } from './metrics/backup-all';
import { measureMemory } from './metrics/memory';
import { copyForRaw, measureMigrateApply } from './metrics/migrations';
import type { RunContext } from './run-context';

/**
 * A second folder of clinics that each hold patients: memory with 32 of them open, a backup of
 * them all, then one new migration applied to all of them.
 */
export async function benchApply(ctx: RunContext, faker: Faker): Promise<void> {
  const dataDir = path.join(ctx.dir, 'apply');
  const core = await startCore({ dataDir, scrypt: BENCH_SCRYPT });
  try {
    const email = 'owner@apply.example';
    const first = await registerClinic(core, { name: 'Apply First Clinic', contactEmail: email, owner: { email, fullName: 'Avery Owner', password: 'correct horse battery staple' } });
    await core.tenants.close(first.id);
    await fillPatients(first.dbPath, ctx.sizes.applyRows, faker, core.clock());
    const clinics = [first, ...(await cloneClinics(core, first, ctx.sizes.applyClinics - 1, faker))];
    ctx.progress('memory');
    await measureMemory(ctx, dataDir);
    ctx.progress('backup of everything');
    await measureBackupAll(ctx, core, clinics);
    ctx.progress('migrate apply');
    await measureMigrateApply(ctx, core, clinics, copyForRaw(ctx, core, clinics));
  } finally {
    await core.close();
  }
}
