import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerViaApi, startApi, type Api, type SignedIn } from '../helpers/api';

let api: Api;
let owner: SignedIn;

beforeAll(async () => {
  api = await startApi();
  owner = await registerViaApi(api, 'Far Dates Clinic');
});
afterAll(async () => api.dispose());

// Dates far outside a clinic's records once reached date arithmetic and answered INTERNAL.
test.each([
  ['appointments:schedule', { date: '9999-12-31', span: 'day' }],
  ['appointments:schedule', { date: '1000-01-01', span: 'week' }],
  ['audit:list', { from: '9999-12-31' }],
  ['audit:list', { to: '9999-12-31T23:59:59Z' }],
  ['payments:list', { from: '9999-12-31' }],
  ['reports:endOfDay', { date: '0001-01-01' }],
] as const)('%s with %j is a validation error naming the field', async (channel, input) => {
  const result = await api.dispatcher.invoke(owner.caller, channel, input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'VALIDATION' });
  expect(Object.keys(result.error.fields ?? {})).toEqual(Object.keys(input).filter((k) => k !== 'span'));
});
