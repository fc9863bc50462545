import type { Faker } from '@faker-js/faker';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { constants, copyFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { tenantMigrations } from '../../migrations/tenant';
import type { Core } from '../../main/core/core';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate } from '../../main/core/db/migrator';
import { openSqlite } from '../../main/core/db/sqlite';
import { fsyncDirectory } from '../../main/core/fs-sync';
import { writeIdentity } from '../../main/core/tenancy/identity';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { dbNameForSlug } from '../../main/core/tenancy/slug';
import { clinicName } from '../data/fleet';
import { rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { percentile, timeEach } from '../stats';

/**
 * The same registration straight through better-sqlite3: the clinic file copied from a
 * migrated one and re-stamped, and the master rows in two transactions, as registerClinic
 * writes them (provisioning row first, then owner membership, trial and activation).
 */
function rawRegistration(core: Core, master: Database.Database, templateFile: string, ownerId: string, faker: Faker, n: number): void {
  const { name, slug } = clinicName(faker, n);
  const id = randomUUID();
  const now = new Date().toISOString();
  master.prepare(`insert into clinics (id, name, slug, db_name, contact_email, status, timezone, currency, provisioning_state, created_at)
    values (?, ?, ?, ?, ?, 'active', 'Europe/Berlin', 'EUR', 'provisioning', ?)`).run(id, name, slug, dbNameForSlug(slug), `admin@${slug}.example`, now);
  const file = path.join(core.layout.tenantsDir, `${dbNameForSlug(slug)}.sqlite3`);
  const temp = `${file}.${id}.provisioning`;
  copyFileSync(templateFile, temp, constants.COPYFILE_EXCL);
  const db = rawOpen(temp);
  db.prepare('update clinic_identity set clinic_id = ?, slug = ?, stamped_at = ?').run(id, slug, now);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(temp, file);
  fsyncDirectory(file);
  master.transaction(() => {
    master.prepare(`insert into memberships (user_id, clinic_id, role, created_at) values (?, ?, 'owner', ?)`).run(ownerId, id, now);
    master.prepare(`insert into subscriptions (id, clinic_id, plan_code, status, started_at, trial_ends_at, current_period_end, updated_at)
      values (?, ?, 'professional', 'trial', ?, ?, ?, ?)`).run(randomUUID(), id, now, now, now, now);
    master.prepare(`update clinics set provisioning_state = 'ready' where id = ?`).run(id);
  }).immediate();
}

/** The design before the template: a new file migrated step by step on disk, as the reference design does. */
async function migratedFromScratch(file: string, n: number): Promise<void> {
  const sqlite = openSqlite(file, { create: true });
  const db = kyselyOver(sqlite);
  await migrate(db, tenantMigrations);
  writeIdentity(sqlite, { id: randomUUID(), slug: `scratch-${n}` });
  await db.destroy();
}

/**
 * register_p95_ms: an existing user (a practice manager) adding clinics through registerClinic,
 * end to end; raw: the same rows and file written directly.
 */
export async function measureRegistration(ctx: RunContext, core: Core, manager: RegisteredClinic, faker: Faker): Promise<RegisteredClinic[]> {
  const registered: RegisteredClinic[] = [];
  const samples = Array.from({ length: ctx.sizes.registrations }, (_, i) => i);
  const product = await timeEach(samples, async (i) => {
    const { name, slug } = clinicName(faker, 900_000 + i);
    const input = { name, slug, contactEmail: `admin@${slug}.example`, plan: 'professional', timezone: 'Europe/Berlin', currency: 'EUR', owner: { userId: manager.ownerId } };
    registered.push(await registerClinic(core, input));
  });
  await core.tenants.close(manager.id);
  const master = rawOpen(core.layout.masterPath);
  const raw = await timeEach(samples, (i) => rawRegistration(core, master, manager.dbPath, manager.ownerId, faker, 950_000 + i));
  master.close();
  const scratchDir = path.join(ctx.dir, 'scratch-builds');
  mkdirSync(scratchDir, { recursive: true });
  const scratch = await timeEach(samples.slice(0, 20), (i) => migratedFromScratch(path.join(scratchDir, `${i}.sqlite3`), i));
  ctx.record('register_p95_ms', percentile(product, 95), { raw: percentile(raw, 95) });
  ctx.note(
    `register_p95_ms: ${samples.length} clinics added by an existing user; median ${percentile(product, 50).toFixed(1)} ms. ` +
      `Building one clinic file by running the ${tenantMigrations.length} migrations on disk (the design before the template) takes p95 ${percentile(scratch, 95).toFixed(1)} ms on its own.`,
  );
  return registered;
}
