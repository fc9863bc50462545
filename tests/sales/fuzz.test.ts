import { afterAll, beforeAll, test } from 'vitest';
import { addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';
import { addProduct } from '../payments/fixtures';
import { fuzzChannels } from '../payments/fuzz-inputs';

let t: TwoClinics;
let patientId: string;
let itemId: string;
let saleId: string;
beforeAll(async () => {
  t = await twoClinics();
  patientId = await addPatient(t.north);
  itemId = (await addProduct(t.north, { stock: 1_000_000 })).id;
  saleId = (await t.north.ok('sales:create', { lines: [{ itemId, quantity: 1 }] })).id;
}, 60_000);
afterAll(async () => t.api.dispose());

test('every catalogue and sales channel answers any input with a Result, never an internal error', async () => {
  const line = { itemId, quantity: 2, unitPriceMinor: 500, discount: { type: 'percent', basisPoints: 1000 } };
  await fuzzChannels(
    t.north,
    {
      'catalogue:list': { q: 'x', kind: 'product', active: true, sort: 'price', order: 'asc', page: 1, pageSize: 5 },
      'catalogue:get': { id: itemId },
      'catalogue:movements': { itemId, page: 1, pageSize: 5 },
      'catalogue:create': { kind: 'product', name: 'Fuzz', code: 'F-1', priceMinor: 100, taxRateBp: 1900, stock: 3, active: true },
      'catalogue:update': { id: itemId, name: 'Fuzzed', code: null, priceMinor: 100, taxRateBp: 0, active: true },
      'catalogue:adjustStock': { id: itemId, delta: -1, reason: 'Count' },
      'sales:preview': { lines: [line] },
      'sales:create': { patientId, lines: [line, { itemId, quantity: 1, discount: { type: 'amount', amountMinor: 1 } }], note: 'n', payment: { method: 'cash', reference: 'r' } },
      'sales:list': { patientId, from: '2025-03-01', to: '2025-03-31', status: 'void', sort: 'total', order: 'desc', page: 1, pageSize: 5 },
      'sales:get': { id: saleId },
      'sales:void': { id: saleId, reason: 'x' },
    },
    500,
  );
}, 120_000);
