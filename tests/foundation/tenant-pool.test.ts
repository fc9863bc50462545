import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { TenantHandle } from '../../main/core/tenancy/open-tenant';
import type { RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { DEFAULT_CACHE_SIZE, TenantPool } from '../../main/core/tenancy/tenant-pool';
import { startTempCore, type TempCore } from '../helpers/temp-core';
import { listDir, peek, registerMany } from './helpers';

const CAPACITY = 8;
let t: TempCore;
let clinics: RegisteredClinic[];
let pool: TenantPool;

beforeAll(async () => {
  t = await startTempCore({ cacheSize: CAPACITY });
  clinics = await registerMany(t.core, 200);
}, 120_000);
afterAll(async () => t.dispose());

beforeEach(async () => {
  await t.core.tenants.closeAll();
  pool = t.core.tenants;
});

/** Open connections, seen from the disk: SQLite deletes a WAL file when its last connection closes. */
const walFiles = () => listDir(t.core.layout.tenantsDir).filter((f) => f.endsWith('-wal'));

/** A WAL that was checkpointed on close: gone, or emptied. */
const checkpointed = (c: RegisteredClinic) => !existsSync(`${c.dbPath}-wal`) || statSync(`${c.dbPath}-wal`).size === 0;

const touch = (c: RegisteredClinic) => pool.use(c, (h) => h);

describe('LRU cache of clinic handles: 200 clinics, room for 8', () => {
  test('the default capacity is 32, and the core passes its cacheSize on', () => {
    expect(DEFAULT_CACHE_SIZE).toBe(32);
    expect(new TenantPool({ tenantsDir: t.core.layout.tenantsDir }).capacity).toBe(32);
    expect(pool.capacity).toBe(CAPACITY);
  });

  test('never more than 8 open while all 200 are used, twice over', async () => {
    for (let round = 0; round < 2; round++) {
      for (const [i, c] of clinics.entries()) {
        expect(await pool.use(c, (h) => h.clinicId)).toBe(c.id);
        expect(pool.size).toBeLessThanOrEqual(CAPACITY);
        if (i % 25 === 0) expect(walFiles().length).toBeLessThanOrEqual(CAPACITY);
      }
    }
    expect(pool.size).toBe(CAPACITY);
    expect(walFiles()).toHaveLength(CAPACITY);
  });

  test('the least recently used is evicted first, closed and checkpointed', async () => {
    const first = clinics.slice(0, CAPACITY);
    const handles = new Map<string, TenantHandle>();
    for (const c of first) handles.set(c.id, await touch(c));
    // clinic 1 gets data that sits in its WAL until the checkpoint
    const now = new Date().toISOString();
    await pool.use(first[1]!, (h) => h.db.insertInto('doctors').values({ id: randomUUID(), full_name: 'Dr. Evicted', created_at: now, updated_at: now }).execute());
    expect(statSync(`${first[1]!.dbPath}-wal`).size).toBeGreaterThan(0);
    // then clinic 0 and 1 are used again, so clinic 2 is now the least recently used
    await touch(first[0]!);
    await touch(first[1]!);

    await touch(clinics[CAPACITY]!);
    expect(pool.isOpen(first[2]!.id)).toBe(false);
    expect(handles.get(first[2]!.id)!.sqlite.open).toBe(false);
    for (const c of [first[0]!, first[1]!, ...first.slice(3), clinics[CAPACITY]!]) expect(pool.isOpen(c.id)).toBe(true);

    await touch(clinics[CAPACITY + 1]!);
    await touch(clinics[CAPACITY + 2]!);
    expect(pool.isOpen(first[3]!.id)).toBe(false);
    expect(pool.isOpen(first[4]!.id)).toBe(false);
    expect(pool.isOpen(first[0]!.id)).toBe(true);

    for (let i = 0; i < CAPACITY; i++) await touch(clinics[20 + i]!);
    expect(handles.get(first[1]!.id)!.sqlite.open).toBe(false);
    expect(checkpointed(first[1]!)).toBe(true);
    expect(peek(first[1]!.dbPath, (db) => db.prepare('select full_name from doctors').pluck().all())).toEqual(['Dr. Evicted']);
  });

  test('a handle in use is never closed under its caller, however many others are opened', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: TenantHandle | undefined;
    const holding = pool.use(clinics[0]!, async (h) => {
      held = h;
      await gate;
      return h.sqlite.prepare('select count(*) as n from doctors').get();
    });
    try {
      while (!held) await new Promise((resolve) => setImmediate(resolve));
      for (const c of clinics.slice(1, 40)) await touch(c);
      expect(held.sqlite.open).toBe(true);
      expect(pool.isOpen(clinics[0]!.id)).toBe(true);
    } finally {
      release();
    }
    expect(await holding).toEqual({ n: 0 });
    expect(pool.size).toBeLessThanOrEqual(CAPACITY);
  });

  test('with all 8 in use, a ninth still gets a working handle, and the pool shrinks back afterwards', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const busy = clinics.slice(0, CAPACITY).map((c) => pool.use(c, () => gate));
    try {
      while (pool.size < CAPACITY) await new Promise((resolve) => setImmediate(resolve));
      const ninth = await pool.use(clinics[CAPACITY]!, (h) => ({ open: h.sqlite.open, row: h.sqlite.prepare('select count(*) as n from doctors').get() }));
      expect(ninth).toEqual({ open: true, row: { n: 0 } });
    } finally {
      release();
      await Promise.all(busy);
    }
    expect(pool.size).toBeLessThanOrEqual(CAPACITY);
  });

  test('many callers of one clinic at once share one handle', async () => {
    const handles = await Promise.all(Array.from({ length: 20 }, () => touch(clinics[50]!)));
    expect(new Set(handles).size).toBe(1);
    expect(pool.size).toBe(1);
  });

  test('closeAll closes every handle and leaves no WAL behind', async () => {
    const handles: TenantHandle[] = [];
    for (const c of clinics.slice(100, 100 + CAPACITY)) handles.push(await touch(c));
    expect(walFiles()).toHaveLength(CAPACITY);
    await pool.closeAll();
    expect(pool.size).toBe(0);
    for (const h of handles) expect(h.sqlite.open).toBe(false);
    expect(walFiles()).toEqual([]);
  });
});
