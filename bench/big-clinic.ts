import type { Faker } from '@faker-js/faker';
import type { Core } from '../main/core/core';
import { registerClinic, type RegisteredClinic } from '../main/core/tenancy/register-clinic';
import { signIn } from './client';
import { fillPatients } from './data/bulk-patients';
import { growWithAudit } from './data/grow';
import { addVisits } from './data/visits';
import { measureBackup } from './metrics/backup';
import { measureCreates, measureReads } from './metrics/screens';
import { measureSearch } from './metrics/search';
import type { RunContext } from './run-context';

export interface Manager {
  clinic: RegisteredClinic;
  email: string;
  password: string;
}

/**
 * The chain's largest clinic: registered by the practice manager, filled with the run's patients,
 * given visits through the handlers, then searched, read, written and backed up.
 */
export async function benchBigClinic(ctx: RunContext, core: Core, manager: Manager, faker: Faker): Promise<void> {
  const big = await registerClinic(core, {
    name: 'Central Medical Centre',
    slug: 'central-medical-centre',
    contactEmail: 'front.desk@central.example',
    plan: 'enterprise',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    owner: { userId: manager.clinic.ownerId },
  });
  await core.tenants.close(big.id);
  ctx.progress(`filling ${ctx.sizes.patients} patients`);
  const known = await fillPatients(big.dbPath, ctx.sizes.patients, faker, core.clock());
  const client = await signIn(core, manager.email, manager.password);
  await client.call('clinics:switch', { clinicId: big.id });
  ctx.progress(`booking visits for ${ctx.sizes.patientsWithVisits} patients`);
  const withVisits = await addVisits(client, known, ctx.sizes.patientsWithVisits, faker);

  ctx.progress('search');
  await measureSearch(ctx, core, big, client, known, faker);
  ctx.progress('screens');
  await measureReads(ctx, core, big, client, withVisits, faker);
  ctx.progress('creates');
  await measureCreates(ctx, core, big, client, faker);

  await core.tenants.close(big.id);
  const added = await growWithAudit(big.dbPath, ctx.sizes.backupBytes, core.clock());
  if (added) ctx.note(`backup: the big clinic was grown to ${ctx.sizes.backupBytes / 2 ** 20} MB with ${added} audit entries first.`);
  ctx.progress('backup');
  await measureBackup(ctx, core, big);
  await client.dispatcher.dropCaller('bench:1');
}
