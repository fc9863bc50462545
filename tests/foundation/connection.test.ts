import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AttachRefusedError, openSqlite } from '../../main/core/db/sqlite';
import { openTenant } from '../../main/core/tenancy/open-tenant';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, type TempCore } from '../helpers/temp-core';
import { listDir } from './helpers';

let t: TempCore;
let clinic: RegisteredClinic;
beforeEach(async () => {
  t = await startTempCore();
  clinic = await registerClinic(t.core, clinicInput('City Hospital'));
});
afterEach(async () => t.dispose());

describe('clinic connections', () => {
  test('run in WAL mode with foreign keys, synchronous FULL and a busy timeout', async () => {
    const pragmas = await t.core.tenants.use(clinic, (h) => ({
      journal: h.sqlite.pragma('journal_mode', { simple: true }),
      foreignKeys: h.sqlite.pragma('foreign_keys', { simple: true }),
      synchronous: h.sqlite.pragma('synchronous', { simple: true }),
      busyTimeout: h.sqlite.pragma('busy_timeout', { simple: true }),
    }));
    expect(pragmas).toEqual({ journal: 'wal', foreignKeys: 1, synchronous: 2, busyTimeout: expect.any(Number) });
    expect(pragmas.busyTimeout).toBeGreaterThan(0);
  });

  test('the master connection too', async () => {
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.core.master);
    expect(rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(t.core.master);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
  });

  test('foreign keys are enforced', async () => {
    const now = new Date().toISOString();
    await expect(
      t.core.tenants.use(clinic, (h) =>
        h.db.insertInto('doctors').values({ id: 'd1', full_name: 'Dr. X', hospital_id: 'no-such-hospital', created_at: now, updated_at: now }).execute(),
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
  });
});

describe('a missing file is never created by opening it', () => {
  test('openTenant of a clinic whose file is gone refuses with missing-file and creates nothing', async () => {
    const other = { id: '00000000-0000-4000-8000-000000000000', slug: 'no-such-clinic' };
    const before = listDir(t.core.layout.tenantsDir);
    await expect(openTenant(t.core.layout.tenantsDir, other)).rejects.toMatchObject({ code: 'TENANT_UNAVAILABLE', reason: 'missing-file' });
    await expect(t.core.tenants.use(other, () => undefined)).rejects.toMatchObject({ reason: 'missing-file' });
    expect(listDir(t.core.layout.tenantsDir)).toEqual(before);
  });

  test('openSqlite without create refuses a missing file', () => {
    const file = path.join(t.dir, 'typo.sqlite3');
    expect(() => openSqlite(file)).toThrow();
    expect(existsSync(file)).toBe(false);
  });
});

describe('ATTACH is refused on clinic connections', () => {
  const target = () => path.join(t.dir, 'elsewhere.sqlite3');
  const statements = () => [
    `ATTACH DATABASE '${target()}' AS other`,
    `attach '${target()}' as other`,
    `AtTaCh dAtAbAsE '${target()}' aS other`,
    `select 1; attach '${target()}' as other`,
    `/* comment */ ATTACH\n'${target()}' AS other`,
    // VACUUM INTO writes a whole copy of the clinic to any path
    `VACUUM INTO '${target()}'`,
    `vacuum main\n into '${target()}'`,
  ];

  test('through the raw handle: prepare and exec', async () => {
    await t.core.tenants.use(clinic, (h) => {
      for (const s of statements()) {
        expect(() => h.sqlite.prepare(s)).toThrow(AttachRefusedError);
        expect(() => h.sqlite.exec(s)).toThrow(AttachRefusedError);
      }
      expect(h.sqlite.prepare('pragma database_list').all()).toHaveLength(1);
    });
    expect(existsSync(target())).toBe(false);
  });

  test("through Kysely's sql``, and through a fresh openTenant handle", async () => {
    await t.core.tenants.use(clinic, async (h) => {
      for (const s of statements()) await expect(sql.raw(s).execute(h.db)).rejects.toThrow(AttachRefusedError);
      await expect(sql`attach database ${target()} as other`.execute(h.db)).rejects.toThrow(AttachRefusedError);
      await expect(sql`vacuum into ${target()}`.execute(h.db)).rejects.toThrow(AttachRefusedError);
    });
    await t.core.tenants.closeAll();
    const handle = await openTenant(t.core.layout.tenantsDir, clinic);
    try {
      await expect(sql`ATTACH ${target()} AS other`.execute(handle.db)).rejects.toThrow(AttachRefusedError);
    } finally {
      await handle.db.destroy();
    }
    expect(existsSync(target())).toBe(false);
  });

  test('the word inside bound values is harmless data', async () => {
    const now = new Date().toISOString();
    await t.core.tenants.use(clinic, async (h) => {
      await h.db.insertInto('doctors').values({ id: 'd1', full_name: "ATTACH DATABASE 'x' AS y", created_at: now, updated_at: now }).execute();
      const row = await h.db.selectFrom('doctors').select('full_name').where('full_name', 'like', '%attach%').executeTakeFirst();
      expect(row?.full_name).toBe("ATTACH DATABASE 'x' AS y");
    });
  });
});
