/**
 * One start of the core in a fresh process: from startCore() to a dispatcher that can take a
 * sign-in, with the modules already loaded (loading them is the bundle's cost, not the data's).
 * Prints {"ms": number}. With "raw", the same SQL straight through better-sqlite3 instead.
 *
 *   tsx bench/child/startup.ts DATA_DIR [raw]
 */
import { startCore } from '../../main/core/core';
import { benchDispatcher } from '../client';
import { rawOpen } from '../raw-sqlite';
import { dataLayout } from '../../main/core/config/data-dir';

const [dataDir, variant] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: startup.ts DATA_DIR [raw]');

if (variant === 'raw') {
  const start = performance.now();
  const master = rawOpen(dataLayout(dataDir).masterPath);
  master.prepare('select name from medadmin_migrations order by name').all();
  master.prepare(`select id, slug, created_at from clinics where provisioning_state = 'provisioning'`).all();
  const ms = performance.now() - start;
  master.close();
  console.log(JSON.stringify({ ms }));
} else {
  const start = performance.now();
  const core = await startCore({ dataDir });
  benchDispatcher(core);
  const ms = performance.now() - start;
  await core.close();
  console.log(JSON.stringify({ ms }));
}
