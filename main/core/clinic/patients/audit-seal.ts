import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TenantDB } from '../schema';

/**
 * Personal values in a patient's audit entries (an update's old and new values) are sealed
 * with a key kept per patient. The audit trail stays append-only, as the database enforces,
 * and erasing a patient deletes the key: their old values become unreadable everywhere they
 * were written, while who changed what field and when stays on record ("crypto-shredding").
 */
const PREFIX = 'sealed:v1:';
const ALGORITHM = 'aes-256-gcm';

export const newAuditKey = (): Buffer => randomBytes(32);

async function keyOf(db: Kysely<TenantDB>, patientId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('patient_audit_keys').select('key').where('patient_id', '=', patientId).executeTakeFirst();
  return row ? Buffer.from(row.key) : null;
}

function seal(key: Buffer, aad: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(key: Buffer, aad: string, text: unknown): unknown {
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) return text;
  const raw = Buffer.from(text.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, 12)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
}

/** Each changed field's old and new value sealed to this patient and field. */
export async function sealChanges(
  db: Kysely<TenantDB>,
  patientId: string,
  changes: Record<string, [unknown, unknown]>,
): Promise<Record<string, [unknown, unknown]>> {
  const key = await keyOf(db, patientId);
  if (!key) throw new Error('patient audit key is missing');
  return Object.fromEntries(
    Object.entries(changes).map(([field, [before, after]]) => [field, [seal(key, `${patientId}/${field}`, before), seal(key, `${patientId}/${field}`, after)]]),
  );
}

/** The values of a patient's audit entry as written, or null for each once the patient was erased. */
export async function revealChanges(db: Kysely<TenantDB>, patientId: string, changes: string | null): Promise<Record<string, [unknown, unknown]> | null> {
  if (!changes) return null;
  const parsed = JSON.parse(changes) as Record<string, [unknown, unknown]>;
  const key = await keyOf(db, patientId);
  return Object.fromEntries(
    Object.entries(parsed).map(([field, pair]) => [field, pair.map((v) => (key ? unseal(key, `${patientId}/${field}`, v) : null)) as [unknown, unknown]]),
  );
}
