import { afterEach, expect, test } from 'vitest';
import { registerClinic } from '../main/core/tenancy/register-clinic';
import { clinicInput, startTempCore, type TempCore } from './helpers/temp-core';

let t: TempCore;
afterEach(async () => t?.dispose());

test('registers a clinic and opens its database', async () => {
  t = await startTempCore();
  const r = await registerClinic(t.core, clinicInput('City Hospital'));
  expect(r.slug).toBe('city-hospital');
  expect(r.dbName).toBe('tenant_city_hospital');
  const n = await t.core.tenants.use(r, async (h) => (await h.db.selectFrom('doctors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  expect(Number(n)).toBe(0);
});
