/**
 * Resident memory of a fresh process holding `count` clinics open after using each (a page of
 * patients and a search). Prints {"rssMb": number, "open": number}. With "raw", the same
 * statements on plain better-sqlite3 connections, without the core.
 *
 *   tsx bench/child/memory.ts DATA_DIR COUNT [raw]
 */
import Database from 'better-sqlite3';
import { dataLayout } from '../../main/core/config/data-dir';
import { listPatients } from '../../main/core/clinic/patients/list';
import { searchPatients } from '../../main/core/clinic/patients/search';
import { startCore } from '../../main/core/core';
import { tenantDbPath } from '../../main/core/tenancy/slug';
import { rawOpen } from '../raw-sqlite';

const [dataDir, countText, variant] = process.argv.slice(2);
if (!dataDir || !countText) throw new Error('usage: memory.ts DATA_DIR COUNT [raw]');
const count = Number(countText);
const layout = dataLayout(dataDir);

const master = new Database(layout.masterPath, { readonly: true });
const clinics = master.prepare(`select id, slug from clinics where provisioning_state = 'ready' order by slug limit ?`).all(count) as { id: string; slug: string }[];
master.close();

const mb = () => process.memoryUsage().rss / 2 ** 20;

if (variant === 'raw') {
  const open = clinics.map((c) => {
    const db = rawOpen(tenantDbPath(layout.tenantsDir, c.slug));
    db.prepare(`select id, mrn, first_name, last_name, dob, dob_approximate, sex, phone, name_rank from patients where state = 'active' order by name_rank limit 51`).all();
    const ranks = db.prepare(`select rowid as r from patient_search where patient_search match 'name : "^ann" OR name : "ann"' order by rowid limit 51`).pluck().all();
    db.prepare(`select * from patients where name_rank in (select value from json_each(?))`).all(JSON.stringify(ranks));
    return db;
  });
  console.log(JSON.stringify({ rssMb: mb(), open: open.length }));
  for (const db of open) db.close();
} else {
  const core = await startCore({ dataDir, cacheSize: count });
  for (const clinic of clinics) {
    await core.tenants.use(clinic, async (h) => {
      await listPatients(h.db, { sort: 'name', order: 'asc', pageSize: 50 });
      await searchPatients(h.db, { q: 'ann', pageSize: 50 });
    });
  }
  console.log(JSON.stringify({ rssMb: mb(), open: core.tenants.size }));
  await core.close();
}
