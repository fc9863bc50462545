import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import type { Core } from '../../main/core/core';
import { clinicInput } from '../helpers/temp-core';

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => new Date(now.getTime()),
    set(at: string | Date) {
      now = new Date(at);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const CLI_ACTOR = { userId: null, userName: 'test' };

export async function newClinic(core: Core, name: string): Promise<RegisteredClinic> {
  return registerClinic(core, clinicInput(name));
}

/** Adds `n` regions (named with `tag`) to a clinic: recognisable rows for before/after checks. */
export async function addRegions(core: Core, clinic: { id: string; slug: string }, tag: string, n = 1): Promise<void> {
  await core.tenants.use(clinic, async (h) => {
    const at = new Date().toISOString();
    for (let i = 0; i < n; i++) {
      await h.db.insertInto('regions').values({ id: randomUUID(), name: `${tag} ${i}`, code: `${tag}-${i}-${randomUUID().slice(0, 8)}`, created_at: at, updated_at: at, deleted_at: null }).execute();
    }
  });
}

export async function regionNames(core: Core, clinic: { id: string; slug: string }): Promise<string[]> {
  return core.tenants.use(clinic, async (h) => (await h.db.selectFrom('regions').select('name').orderBy('name').execute()).map((r) => r.name));
}

/** Flips every bit of one byte of a file, in place. Negative offsets count from the end. */
export function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
  writeFileSync(file, bytes);
}
