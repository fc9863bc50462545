import { lstatSync, rmSync } from 'node:fs';
import path from 'node:path';
import { listTenants } from '../../main/core/admin/list-tenants';
import type { Core } from '../../main/core/core';
import { headerApplicationId } from '../../main/core/tenancy/identity';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { VERIFIED_FILES_NAME } from '../../main/core/tenancy/verified-files';
import { rawChecks, rawOpen } from '../raw-sqlite';
import type { RunContext } from '../run-context';
import { median, timeEach } from '../stats';

/**
 * The same listing straight through better-sqlite3: the master query, then per clinic the
 * file's size, its header, and a read-only open that reads the identity and applied migrations.
 */
function rawList(core: Core): number {
  const master = rawOpen(core.layout.masterPath, { readonly: true });
  const rows = master
    .prepare(
      `select c.id, c.name, c.slug, s.status, s.trial_ends_at, s.current_period_end, p.name as plan_name,
        (select count(*) from memberships m where m.clinic_id = c.id) as users
       from clinics c left join subscriptions s on s.clinic_id = c.id left join plans p on p.code = s.plan_code
       where c.provisioning_state = 'ready' order by c.name collate nocase, c.slug`,
    )
    .all() as { slug: string }[];
  master.close();
  let migrations = 0;
  for (const row of rows) {
    const file = tenantDbPath(core.layout.tenantsDir, row.slug);
    lstatSync(file);
    lstatSync(`${file}-wal`, { throwIfNoEntry: false });
    headerApplicationId(file);
    const db = rawOpen(file, { readonly: true });
    migrations += rawChecks(db).migrations;
    db.close();
  }
  return migrations;
}

/**
 * list_tenants_ms: the CLI's list-tenants data over every clinic of the chain. The first run
 * starts without the record of verified files, so it opens every file (the figure after an
 * upgrade or a restore of many clinics); the median is of all runs.
 */
export async function measureListTenants(ctx: RunContext, core: Core): Promise<void> {
  rmSync(path.join(core.layout.root, VERIFIED_FILES_NAME), { force: true });
  const runs = Array.from({ length: ctx.sizes.listRuns });
  let listed = 0;
  const product = await timeEach(runs, async () => {
    listed = (await listTenants(core)).length;
  });
  const raw = await timeEach(runs, () => rawList(core));
  ctx.record('list_tenants_ms', median(product), { raw: median(raw) });
  ctx.note(
    `list_tenants_ms: ${listed} clinics; runs ${product.map((ms) => ms.toFixed(0)).join(', ')} ms — the first opens every file (${((product[0]! / listed) * 1000).toFixed(0)} µs each, ` +
      `raw ${((median(raw) / listed) * 1000).toFixed(0)} µs each), the others only those changed since they were last proven.`,
  );
}
