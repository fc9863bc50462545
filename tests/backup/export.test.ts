import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { exportClinic } from '../../main/core/backup/export-clinic';
import { decryptFile, EXPORT_MAGIC, readExportHeader } from '../../main/core/backup/export-format';
import { tenantMigrations } from '../../migrations/tenant';
import { STRONG_PASSWORD, startTempCore, tempDir, type TempCore } from '../helpers/temp-core';
import { addRegions, CLI_ACTOR, flipByte, newClinic } from './helpers';

let t: TempCore;
let scratch: ReturnType<typeof tempDir>;
afterEach(async () => {
  await t?.dispose();
  scratch?.cleanup();
});

async function setup(rows = 3) {
  t = await startTempCore();
  scratch = tempDir('medadmin-export-');
  const clinic = await newClinic(t.core, 'Export Clinic');
  await addRegions(t.core, clinic, 'Exported region', rows);
  return clinic;
}

/** Over two 1 MiB chunks of database, so chunk order and chunk boundaries are exercised. */
async function bulk(clinic: { id: string; slug: string }): Promise<void> {
  await t.core.tenants.use(clinic, (h) => {
    const at = new Date().toISOString();
    const insert = h.sqlite.prepare('insert into hospitals (id, name, address, created_at, updated_at) values (?, ?, ?, ?, ?)');
    h.sqlite.transaction(() => {
      for (let i = 0; i < 9000; i++) insert.run(randomUUID(), `hospital ${i}`, 'x'.repeat(300), at, at);
    })();
  });
}

function regionCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from regions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('export', () => {
  test('without a passphrase: a plain SQLite file carrying the clinic identity and profile', async () => {
    const clinic = await setup();
    const file = path.join(scratch.dir, 'export.sqlite3');
    const result = await exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR });
    expect(result).toMatchObject({ encrypted: false, fileName: 'export.sqlite3' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('select clinic_id, slug from clinic_identity').get()).toEqual({ clinic_id: clinic.id, slug: 'export-clinic' });
    expect(db.prepare('select name from clinic_profile').get()).toEqual({ name: 'Export Clinic' });
    expect(db.prepare(`select count(*) as n from audit_log where action = 'clinic.exported'`).get()).toEqual({ n: 1 });
    db.close();
  });

  test('refuses a weak passphrase and an existing file (unless the save dialog already asked)', async () => {
    const clinic = await setup();
    const file = path.join(scratch.dir, 'x.medadmin');
    await expect(exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: 'short' })).rejects.toMatchObject({ code: 'VALIDATION', fields: { passphrase: expect.any(String) } });
    writeFileSync(file, 'existing');
    await expect(exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
    await exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR, overwrite: true });
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });
});

describe('encrypted export', () => {
  test('round trip: the header names the clinic and schema, the body hides the records, the passphrase brings them back', async () => {
    const clinic = await setup(25);
    const file = path.join(scratch.dir, 'clinic.medadmin');
    const result = await exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });
    expect(result.encrypted).toBe(true);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, EXPORT_MAGIC.length).equals(EXPORT_MAGIC)).toBe(true);
    expect(bytes.includes(Buffer.from('Exported region'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    const found = await readExportHeader(file);
    expect(found?.header).toMatchObject({
      cipher: 'aes-256-gcm',
      clinic: { id: clinic.id, slug: 'export-clinic', name: 'Export Clinic' },
      schema: tenantMigrations.map((m) => m.name),
      kdf: { name: 'scrypt', logN: t.core.scrypt.logN },
    });

    const out = path.join(scratch.dir, 'decrypted.sqlite3');
    await decryptFile(file, out, STRONG_PASSWORD);
    expect(regionCount(out)).toBe(25);
  });

  describe('detects any change to the file', () => {
    type Tamper = (file: string, header: number) => void;
    const cases: [string, Tamper, string][] = [
      ['a flipped byte in the body', (f) => flipByte(f, -5000), 'tampered'],
      ['a flipped byte in the header', (f, header) => flipByte(f, header - 3), 'tampered'],
      ['a renamed clinic in the (still valid) header', (f) => {
        const bytes = readFileSync(f);
        const at = bytes.indexOf('"name":"Export Clinic"');
        bytes.write('"name":"Export Clinix"', at, 'latin1');
        writeFileSync(f, bytes);
      }, 'tampered'],
      ['a flipped byte in a tag', (f) => flipByte(f, -1), 'tampered'],
      ['a cut-off end', (f) => truncateSync(f, statSync(f).size - 1000), 'truncated'],
      ['a whole last chunk dropped', (f, header) => {
        const size = statSync(f).size;
        const chunk = (1 << 20) + 16;
        truncateSync(f, header + Math.floor((size - header) / chunk) * chunk);
      }, 'truncated'],
      ['bytes appended', (f) => appendFileSync(f, Buffer.alloc(32)), 'tampered'],
      ['two chunks swapped', (f, header) => {
        const bytes = readFileSync(f);
        const chunk = (1 << 20) + 16;
        const first = Buffer.from(bytes.subarray(header, header + chunk));
        bytes.copy(bytes, header, header + chunk, header + 2 * chunk);
        first.copy(bytes, header + chunk);
        writeFileSync(f, bytes);
      }, 'tampered'],
    ];

    test.each(cases)('%s', async (_name, tamper, reason) => {
      const clinic = await setup();
      await bulk(clinic);
      const file = path.join(scratch.dir, 'clinic.medadmin');
      await exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });
      const found = await readExportHeader(file);
      expect(found?.header.plaintextBytes).toBeGreaterThan(2 * (1 << 20));
      tamper(file, found?.aad.length ?? 0);

      const out = path.join(scratch.dir, 'out.sqlite3');
      await expect(decryptFile(file, out, STRONG_PASSWORD)).rejects.toMatchObject({ reason });
      expect(() => statSync(out)).toThrow(); // nothing of an unauthenticated file is left behind
    });
  });

  test('a wrong passphrase is told apart from damage', async () => {
    const clinic = await setup();
    const file = path.join(scratch.dir, 'clinic.medadmin');
    await exportClinic(t.core, clinic.id, file, { actor: CLI_ACTOR, passphrase: STRONG_PASSWORD });
    await expect(decryptFile(file, path.join(scratch.dir, 'o.sqlite3'), 'correct horse battery stapler')).rejects.toMatchObject({ reason: 'wrong-passphrase' });
  });
});
