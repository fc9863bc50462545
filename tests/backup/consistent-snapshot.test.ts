import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { backupClinic } from '../../main/core/backup/take-backup';
import { startTempCore, type TempCore } from '../helpers/temp-core';
import { newClinic } from './helpers';

let t: TempCore;
let writer: ChildProcess | undefined;
afterEach(async () => {
  if (writer && writer.exitCode === null) {
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer?.once('exit', resolve));
  }
  writer = undefined;
  await t?.dispose();
});

/** Enough rows that the copy takes many steps, so writes land between them. */
async function fill(core: TempCore['core'], clinic: { id: string; slug: string }, pairs: number): Promise<void> {
  await core.tenants.use(clinic, (h) => {
    const at = new Date().toISOString();
    const region = h.sqlite.prepare('insert into regions (id, name, code, created_at, updated_at) values (?, ?, ?, ?, ?)');
    const hospital = h.sqlite.prepare('insert into hospitals (id, name, region_id, address, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
    h.sqlite.transaction(() => {
      for (let i = 0; i < pairs; i++) {
        const id = randomUUID();
        region.run(id, `seed region ${i}`, `seed-${i}`, at, at);
        hospital.run(randomUUID(), `seed hospital ${i}`, id, 'x'.repeat(300), at, at);
      }
    })();
  });
}

function counts(file: string): { regions: number; hospitals: number; orphans: number } {
  const db = new Database(file, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      regions: one('select count(*) as n from regions'),
      hospitals: one('select count(*) as n from hospitals'),
      orphans: one('select count(*) as n from hospitals h left join regions r on r.id = h.region_id where r.id is null'),
    };
  } finally {
    db.close();
  }
}

function backupFile(dir: string, id: string): string {
  return path.join(dir, `${id.slice('clinic/'.length)}.sqlite3`);
}

test('a backup taken while another process writes is one consistent state of the database', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Busy Clinic');
  await fill(t.core, clinic, 20_000);
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures/invariant-writer.mjs'), clinic.dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  writer = child;
  let written = 0;
  child.stdout?.setEncoding('utf8');
  await new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (/^\d+$/.test(line)) written = Number(line);
      if (chunk.includes('ready')) resolve();
    });
  });
  const before = written;

  const result = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
  const after = written;
  child.kill('SIGKILL');

  expect(after).toBeGreaterThan(before); // the writer kept committing while the copy ran
  const c = counts(backupFile(result.dir, result.id));
  expect(c.regions).toBe(c.hospitals);
  expect(c.orphans).toBe(0);
  expect(c.regions).toBeGreaterThan(20_000);
});

test('writes made through the app while the copy runs never tear the snapshot', async () => {
  t = await startTempCore();
  const clinic = await newClinic(t.core, 'Same Process');
  await fill(t.core, clinic, 20_000);
  let running = true;
  let during = 0;
  const writes = (async () => {
    while (running) {
      await t.core.tenants.use(clinic, (h) =>
        h.db.transaction().execute(async (trx) => {
          const at = new Date().toISOString();
          const id = randomUUID();
          await trx.insertInto('regions').values({ id, name: 'live', code: `live-${id}`, created_at: at, updated_at: at, deleted_at: null }).execute();
          await new Promise((resolve) => setImmediate(resolve)); // the copy steps in the middle of the transaction
          await trx.insertInto('hospitals').values({ id: randomUUID(), name: 'live', region_id: id, address: null, phone: null, created_at: at, updated_at: at, deleted_at: null }).execute();
        }),
      );
      during += 1;
    }
  })();

  const result = await backupClinic(t.core, clinic.id, { trigger: 'manual' });
  const duringBackup = during;
  running = false;
  await writes;

  expect(duringBackup).toBeGreaterThan(0);
  const c = counts(backupFile(result.dir, result.id));
  expect(c.regions).toBe(c.hospitals);
  expect(c.orphans).toBe(0);
});
