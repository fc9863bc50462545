/**
 * Self-check of the patient search design at clinic-chain scale (not part of npm test):
 * builds N synthetic patients (default 1,000,000; seeded faker) in a temporary folder and
 * prints p50/p95 of patients:search's first page of 50 for a query mix, by kind of query.
 *
 *   npx tsx bench/patients-search-check.ts [count] [--db FILE]
 *
 * With --db the database is built in FILE and kept, or reused when FILE already exists.
 */
import { faker } from '@faker-js/faker';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { tenantMigrations } from '../migrations/tenant';
import { toColumns } from '../main/core/clinic/patients/columns';
import { mrnFor } from '../main/core/clinic/patients/mrn';
import { rawIndexer } from '../main/core/clinic/patients/search-index';
import { searchPatients } from '../main/core/clinic/patients/search';
import type { TenantDB } from '../main/core/clinic/schema';
import { kyselyOver } from '../main/core/db/kysely-sqlite';
import { migrate } from '../main/core/db/migrator';
import { openSqlite } from '../main/core/db/sqlite';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const kept = dbAt >= 0 ? args.splice(dbAt, 2)[1] : undefined;
const COUNT = Number(args[0] ?? 1_000_000);
const RUNS = 20;

const dir = kept ? null : mkdtempSync(path.join(tmpdir(), 'medadmin-search-'));
const file = kept ?? path.join(dir!, 'clinic.sqlite3');
const reuse = existsSync(file);
const sqlite = openSqlite(file, { create: true });
const db = kyselyOver<TenantDB>(sqlite);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Sample = { first: string; last: string; phone: string; mrn: string; dob: string }[];

/** The same seeded sample as a fresh build would draw, read back from a kept database. */
async function sampleOf(): Promise<Sample> {
  faker.seed(20240601);
  const seqs = faker.helpers.arrayElements(Array.from({ length: COUNT }, (_, i) => i + 1), 200);
  const rows = await db.selectFrom('patients').select(['first_name', 'last_name', 'phone', 'mrn', 'dob']).where('mrn_seq', 'in', seqs).execute();
  return rows.map((r) => ({ first: r.first_name, last: r.last_name, phone: r.phone ?? '', mrn: r.mrn, dob: r.dob ?? '' }));
}

async function build(): Promise<{ sample: Sample }> {
  if (reuse) return { sample: await sampleOf() };
  await migrate(db, tenantMigrations);
  faker.seed(20240601);
  const t0 = performance.now();
  const now = new Date().toISOString();
  const people: (ReturnType<typeof toColumns> & { id: string; seq: number; mrn: string })[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const columns = toColumns({
      firstName: faker.person.firstName(sex),
      lastName: faker.person.lastName(),
      dob: faker.date.birthdate({ min: 0, max: 95, mode: 'age' }).toISOString().slice(0, 10),
      dobApproximate: false,
      sex,
      // one clinic's area code: every patient's phone shares "+1 555"
      phone: `+1 555 ${faker.string.numeric(3)} ${faker.string.numeric(4)}`,
      email: null,
      address: null,
      nationalId: i % 3 === 0 ? faker.string.alphanumeric({ length: 9, casing: 'upper' }) : null,
      emergencyContactName: null,
      emergencyContactPhone: null,
      insuranceProvider: null,
      insurancePolicyNumber: null,
      allergies: null,
      notes: null,
    });
    people.push({ id: faker.string.uuid(), seq: i, mrn: mrnFor(i), ...columns });
  }
  // ranks as the product would leave them: alphabetical, evenly spread
  const ordered = [...people].sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.id < b.id ? -1 : 1));
  const rank = new Map(ordered.map((p, i) => [p.id, 2 ** 32 * (i + 1)]));
  console.log(`generated ${COUNT} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const insert = sqlite.prepare(`insert into patients (id, mrn, mrn_seq, name_rank, sort_key, first_name, last_name, first_sx, last_sx, dob, dob_approximate,
    sex, phone, phone_digits, national_id, national_id_key, state, created_at, updated_at)
    values (@id, @mrn, @seq, @rank, @sort_key, @first_name, @last_name, @first_sx, @last_sx, @dob, 0, @sex, @phone, @phone_digits, @national_id, @national_id_key, 'active', @now, @now)`);
  const index = rawIndexer(sqlite);
  const t1 = performance.now();
  const batch = sqlite.transaction((rows: typeof people) => {
    for (const p of rows) {
      const r = rank.get(p.id)!;
      insert.run({ ...p, rank: r, now });
      index({ ...p, name_rank: r });
    }
  });
  for (let i = 0; i < people.length; i += 20_000) batch(people.slice(i, i + 20_000));
  sqlite.prepare('update mrn_sequence set last_value = ?').run(COUNT);
  console.log(`inserted in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  // no ANALYZE and no index 'optimize': a clinic's file as the product leaves it
  console.log(`file ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`);
  return { sample: await sampleOf() };
}

async function main(): Promise<void> {
  const { sample } = await build();
  const pick = <T>(f: (s: (typeof sample)[number]) => T) => sample.map(f);
  const mid = (s: string, n: number) => s.slice(Math.max(0, Math.floor((s.length - n) / 2)), Math.max(0, Math.floor((s.length - n) / 2)) + n);
  const kinds: Record<string, string[]> = {
    'shared phone prefix': ['555', '+1 555', '1555', '555 '],
    'phone digits (4-7)': pick((s) => s.phone.replace(/\D/g, '').slice(-7, -7 + 4 + (s.mrn.charCodeAt(3) % 4))),
    'whole phone': pick((s) => s.phone),
    'last-name prefix (3-5)': pick((s) => s.last.slice(0, 3 + (s.mrn.charCodeAt(2) % 3))),
    'first-name prefix (3)': pick((s) => s.first.slice(0, 3)),
    'full name "last f"': pick((s) => `${s.last} ${s.first[0]}`),
    'name substring (3-4)': pick((s) => mid(s.last, 3 + (s.mrn.charCodeAt(4) % 2))),
    'common substrings': ['ann', 'son', 'mar', 'er', 'a', 'ell', 'ing', 'ber'],
    'whole MRN': pick((s) => s.mrn),
    'MRN part (4)': pick((s) => s.mrn.slice(2, 6)),
    'date of birth': pick((s) => s.dob),
    'matches nothing': ['xqzvwk', 'qqqqqq', '98765432109', 'quxzyw', 'жжж', 'zzzzzz'],
  };
  const all: number[] = [];
  console.log(`\n${'kind'.padEnd(26)} ${'queries'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'hits'.padStart(6)}`);
  for (const [kind, queries] of Object.entries(kinds)) {
    const times: number[] = [];
    let hits = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const q of queries.slice(0, 50)) {
        const t = performance.now();
        const page = await searchPatients(db, { q, pageSize: 50 });
        times.push(performance.now() - t);
        hits += page.items.length;
      }
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const n = times.length;
    console.log(
      `${kind.padEnd(26)} ${String(n).padStart(7)} ${percentile(times, 50).toFixed(2).padStart(8)} ${percentile(times, 95).toFixed(2).padStart(8)} ${times[n - 1]!.toFixed(2).padStart(8)} ${(hits / n).toFixed(0).padStart(6)}`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(`\nsearch_1m_p95_ms (all kinds): ${percentile(all, 95).toFixed(2)}  p50 ${percentile(all, 50).toFixed(2)}  (${COUNT} patients)`);
  for (const table of ['patient_search', 'patient_search_ids']) {
    const plan = await sql<{ detail: string }>`explain query plan select rowid from ${sql.table(table)} where ${sql.table(table)} match ${'"555"'} and rowid > 0 order by rowid limit 51`.execute(db);
    console.log(`plan ${table}: ${plan.rows.map((r) => r.detail).join(' | ')}`);
  }
}

try {
  await main();
} finally {
  await db.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
