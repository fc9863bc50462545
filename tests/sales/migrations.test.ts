import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { tenantMigrations } from '../../migrations/tenant';
import type { TenantDB } from '../../main/core/clinic/schema';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { migrate } from '../../main/core/db/migrator';
import { openMemory } from '../../main/core/db/sqlite';

const MINE = ['0080-sales', '0090-payments', '0095-saved-reports'];

test('a clinic file from before payments and sales gains their tables, with every number counter at zero', async () => {
  const db = kyselyOver<TenantDB>(openMemory());
  try {
    const before = tenantMigrations.filter((m) => !MINE.includes(m.name));
    await migrate(db, before);
    await sql`insert into regions (id, name, code, created_at, updated_at) values ('r1', 'North', 'N', 'x', 'x')`.execute(db);

    expect(await migrate(db, tenantMigrations)).toEqual(MINE);
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['document_numbers', 'catalogue_items', 'sales', 'sale_lines', 'stock_movements', 'payments', 'refunds', 'saved_reports']));
    expect(await db.selectFrom('document_numbers').selectAll().orderBy('kind').execute()).toEqual([
      { kind: 'receipt', last_value: 0 },
      { kind: 'refund', last_value: 0 },
      { kind: 'sale', last_value: 0 },
    ]);
    expect(await db.selectFrom('regions').select('name').execute()).toEqual([{ name: 'North' }]);
    expect(await migrate(db, tenantMigrations)).toEqual([]);
  } finally {
    await db.destroy();
  }
});
