import { CompiledQuery, type KyselyPlugin, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TenantDB } from '../../main/core/clinic/schema';
import { findDuplicates } from '../../main/core/clinic/patients/duplicates';
import { listDeletedPatients, listPatients } from '../../main/core/clinic/patients/list';
import { searchPatients } from '../../main/core/clinic/patients/search';
import { create, twoClinics, type TwoClinics } from './fixtures';

/**
 * The plans SQLite chooses for every query search, list and duplicate check run, in a clinic
 * file as the product leaves it (never ANALYZEd): each reads an index in the order it needs,
 * so no query scans the patients table or sorts its matches, whatever the clinic's size.
 */
let t: TwoClinics;
beforeAll(async () => {
  t = await twoClinics();
  for (const lastName of ['Smith', 'Jones', 'Brown']) await create(t.a, { lastName, nationalId: `ID-${lastName}` });
  const p = await create(t.a, { lastName: 'Gone' });
  await t.a.ok('patients:delete', { id: p.id });
}, 60_000);
afterAll(async () => t.api.dispose());

async function plansOf(run: (db: Kysely<TenantDB>) => Promise<unknown>): Promise<Map<string, string>> {
  const clinic = t.a.session.activeClinic!;
  return t.api.core.tenants.use({ id: clinic.id, slug: clinic.slug }, async (h) => {
    const seen: CompiledQuery[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        seen.push(h.db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    await run(h.db.withPlugin(recorder));
    const plans = new Map<string, string>();
    for (const q of seen) {
      const rows = h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
      plans.set(q.sql, rows.map((r) => r.detail).join(' | '));
    }
    return plans;
  });
}

function expectIndexedReads(plans: Map<string, string>): void {
  expect(plans.size).toBeGreaterThan(0);
  for (const [query, plan] of plans) {
    expect(plan, query).not.toMatch(/TEMP B-TREE/);
    expect(plan, query).not.toMatch(/SCAN patients\b(?! USING)/);
  }
}

test('search: identifier, name and text groups', async () => {
  for (const q of ['smith', 'sm', '1000017', '+44 20 7946 0018', 'id-smith', '10.12.1985', '4567', '123456789']) {
    expectIndexedReads(await plansOf((db) => searchPatients(db, { q, pageSize: 2 })));
  }
});

test('search: following pages', async () => {
  expectIndexedReads(
    await plansOf(async (db) => {
      const first = await searchPatients(db, { q: 'ada', pageSize: 1 });
      expect(first.nextCursor).not.toBeNull();
      await searchPatients(db, { q: 'ada', pageSize: 1, cursor: first.nextCursor });
    }),
  );
});

test('list: every sort, both ways, first and following pages', async () => {
  for (const sort of ['name', 'mrn', 'created', 'dob'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      expectIndexedReads(
        await plansOf(async (db) => {
          const first = await listPatients(db, { sort, order, pageSize: 1 });
          await listPatients(db, { sort, order, pageSize: 1, cursor: first.nextCursor });
        }),
      );
    }
  }
  expectIndexedReads(await plansOf((db) => listDeletedPatients(db, { pageSize: 1, cursor: '{"v":"9","k":9}' })));
});

test('duplicate check', async () => {
  expectIndexedReads(
    await plansOf((db) => findDuplicates(db, { firstName: 'Ada', lastName: 'Lovelace', dob: '1985-12-10', phone: '+44 20 7946 0018', email: 'ada@example.org', nationalId: 'ID-SMITH' })),
  );
});
