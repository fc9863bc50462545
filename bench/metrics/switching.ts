import type Database from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import type { Core } from '../../main/core/core';
import { openTenant } from '../../main/core/tenancy/open-tenant';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { rawChecks, rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { percentile, timeEach } from '../stats';

/** The first query after entering a clinic: the home screen's patient count. */
const FIRST_QUERY = 'select "last_value" from "mrn_sequence"';

/** Raw: the same open, checks and first query on better-sqlite3, with the same LRU bound on open files. */
function rawPool(core: Core, capacity: number) {
  const open = new Map<string, { db: Database.Database; first: Database.Statement }>();
  return {
    use(clinic: ClinicRef) {
      let entry = open.get(clinic.id);
      if (entry) open.delete(clinic.id);
      else {
        const db = rawOpen(tenantDbPath(core.layout.tenantsDir, clinic.slug));
        rawChecks(db);
        entry = { db, first: db.prepare(FIRST_QUERY) };
      }
      open.set(clinic.id, entry);
      entry.first.get();
      if (open.size > capacity) {
        const [oldest, victim] = open.entries().next().value!;
        open.delete(oldest);
        victim.db.pragma('wal_checkpoint(TRUNCATE)');
        victim.db.close();
      }
    },
    close() {
      for (const { db } of open.values()) db.close();
      open.clear();
    },
  };
}

/**
 * switch_warm_p95_ms / switch_cold_p95_ms: entering a clinic whose file is already open, and one
 * that is not (open, identity check, schema check, first query; evicting the least recently
 * used when the cache is full), with the default cache over every clinic of the chain.
 */
export async function measureSwitching(ctx: RunContext, core: Core, clinics: readonly ClinicRef[], faker: Faker): Promise<void> {
  const enter = (clinic: ClinicRef) => core.tenants.use(clinic, (h) => h.db.selectFrom('mrn_sequence').select('last_value').executeTakeFirst());
  const capacity = core.tenants.capacity;
  const hot = faker.helpers.arrayElements(clinics, capacity);
  const hotIds = new Set(hot.map((c) => c.id));
  const cold = faker.helpers.arrayElements(clinics.filter((c) => !hotIds.has(c.id)), ctx.sizes.switches);
  const warmOrder = Array.from({ length: ctx.sizes.switches }, () => faker.helpers.arrayElement(hot));

  await core.tenants.closeAll();
  await timeEach(hot, enter);
  const warm = await timeEach(warmOrder, enter);
  const coldTimes = await timeEach(cold, enter);
  await core.tenants.closeAll();

  const raw = rawPool(core, capacity);
  hot.forEach((c) => raw.use(c));
  const rawWarm = await timeEach(warmOrder, (c) => raw.use(c));
  const rawCold = await timeEach(cold, (c) => raw.use(c));
  raw.close();

  // the reference design's pattern: every request opens the clinic (all checks) and closes it
  const naive = await timeEach(cold.slice(0, 300), async (clinic) => {
    const handle = await openTenant(core.layout.tenantsDir, clinic);
    await handle.db.selectFrom('mrn_sequence').select('last_value').executeTakeFirst();
    await handle.db.destroy();
  });
  ctx.record('switch_warm_p95_ms', percentile(warm, 95), { raw: percentile(rawWarm, 95), naive: percentile(naive, 95) });
  ctx.record('switch_cold_p95_ms', percentile(coldTimes, 95), { raw: percentile(rawCold, 95), naive: percentile(naive, 95) });
  ctx.note(
    `switching: cache of ${capacity} over ${clinics.length} clinics; medians warm ${percentile(warm, 50).toFixed(3)} ms, cold ${percentile(coldTimes, 50).toFixed(3)} ms ` +
      `(raw ${percentile(rawWarm, 50).toFixed(3)} / ${percentile(rawCold, 50).toFixed(3)} ms).`,
  );
}
