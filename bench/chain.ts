import type { Faker } from '@faker-js/faker';
import path from 'node:path';
import { startCore, type Core } from '../main/core/core';
import type { ScryptParams } from '../main/core/auth/password';
import type { ClinicRef } from '../main/core/tenancy/identity';
import { registerClinic } from '../main/core/tenancy/register-clinic';
import { benchBigClinic, type Manager } from './big-clinic';
import { cloneClinics } from './data/fleet';
import { measureListTenants } from './metrics/list-tenants';
import { measureMigrateCheck } from './metrics/migrations';
import { measureRegistration } from './metrics/registration';
import { measureStartup } from './metrics/startup';
import { measureSwitching } from './metrics/switching';
import type { RunContext } from './run-context';

/** The synthetic people sign in often; their hashes are cheap (password_hash_ms measures the real cost). */
export const BENCH_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery staple';

async function readyClinics(core: Core): Promise<ClinicRef[]> {
  return core.master.selectFrom('clinics').select(['id', 'slug']).where('provisioning_state', '=', 'ready').orderBy('slug').execute();
}

async function oneClinicFolder(dir: string): Promise<string> {
  const core = await startCore({ dataDir: dir, scrypt: BENCH_SCRYPT });
  await registerClinic(core, { name: 'Solo Clinic', contactEmail: 'solo@solo.example', owner: { email: 'solo@solo.example', fullName: 'Solo Owner', password: PASSWORD } });
  await core.close();
  return dir;
}

/**
 * The chain: a practice manager's first clinic, clinics added through registration, the big
 * clinic, and copies up to the run's clinic count; then the figures that depend on the count.
 */
export async function benchChain(ctx: RunContext, faker: Faker): Promise<void> {
  const dataDir = path.join(ctx.dir, 'chain');
  const core = await startCore({ dataDir, scrypt: BENCH_SCRYPT });
  try {
    const email = 'manager@chain.example';
    const first = await registerClinic(core, { name: 'Chain First Clinic', slug: 'chain-first-clinic', contactEmail: email, timezone: 'Europe/Berlin', currency: 'EUR', owner: { email, fullName: 'Morgan Manager', password: PASSWORD } });
    const manager: Manager = { clinic: first, email, password: PASSWORD };
    ctx.progress('registration');
    await measureRegistration(ctx, core, first, faker);
    await benchBigClinic(ctx, core, manager, faker);

    const missing = ctx.sizes.clinics - (await readyClinics(core)).length;
    ctx.progress(`copying ${missing} clinics`);
    await cloneClinics(core, first, missing, faker);
  } finally {
    await core.close();
  }

  const chain = await startCore({ dataDir, scrypt: BENCH_SCRYPT });
  try {
    const clinics = await readyClinics(chain);
    ctx.record('clinics', clinics.length);
    ctx.progress('startup');
    await measureStartup(ctx, dataDir, await oneClinicFolder(path.join(ctx.dir, 'one')), clinics.length);
    ctx.progress('list-tenants');
    await measureListTenants(ctx, chain);
    ctx.progress('switching');
    await measureSwitching(ctx, chain, clinics, faker);
    ctx.progress('migrate check');
    await measureMigrateCheck(ctx, chain, clinics);
  } finally {
    await chain.close();
  }
}
