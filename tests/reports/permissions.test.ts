import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ChannelInput, ChannelName } from '../../preload/contract';
import type { Role } from '../../main/core/master/schema';
import { twoClinics, type TwoClinics } from '../appointments/fixtures';
import { asRole, type SignedIn } from '../helpers/api';

let t: TwoClinics;
let savedId: string;
const as: Partial<Record<Role, SignedIn>> = {};
beforeAll(async () => {
  t = await twoClinics();
  as.owner = t.north;
  for (const role of ['manager', 'front_desk', 'doctor', 'viewer'] as const) as[role] = await asRole(t.north, role);
  savedId = (await t.north.ok('reports:save', { name: 'Today', spec: { kind: 'endOfDay', params: { date: '2025-03-24' } } })).id;
}, 60_000);
afterAll(async () => t.api.dispose());

const range = { from: '2025-03-01', to: '2025-03-31' };
let saves = 0;
const reads: { [C in ChannelName]?: () => ChannelInput<C> } = {
  'reports:endOfDay': () => ({ date: '2025-03-24' }),
  'reports:revenue': () => range,
  'reports:appointments': () => range,
  'reports:newPatients': () => range,
  'reports:topItems': () => range,
  'reports:exportCsv': () => ({ kind: 'newPatients', params: range }),
  'reports:listSaved': () => ({}),
  'reports:runSaved': () => ({ id: savedId }),
  'reports:exportSaved': () => ({ id: savedId }),
};
const writes: { [C in ChannelName]?: () => Promise<ChannelInput<C>> } = {
  'reports:save': async () => ({ name: `Saved ${++saves}`, spec: { kind: 'revenue', params: range } }),
  'reports:deleteSaved': async () => ({ id: (await t.north.ok('reports:save', { name: `To delete ${++saves}`, spec: { kind: 'newPatients', params: range } })).id }),
};

const call = async (who: SignedIn, channel: string, input: unknown) => {
  const r = await who.api.dispatcher.invoke(who.caller, channel, input);
  return r.ok ? 'ok' : r.error.code;
};

// reports are for those who run the clinic and for read-only viewers, not the desk or doctors
const mayRead: Record<Role, boolean> = { owner: true, manager: true, viewer: true, front_desk: false, doctor: false };
// saved reports are shared by the clinic: a read-only viewer runs them but does not change them
const mayManage: Record<Role, boolean> = { owner: true, manager: true, viewer: false, front_desk: false, doctor: false };

for (const role of Object.keys(mayRead) as Role[]) {
  test(`${role}: ${mayRead[role] ? 'every report' : 'no report'}`, async () => {
    const outcome: Record<string, string> = {};
    for (const [channel, input] of Object.entries(reads)) outcome[channel] = await call(as[role]!, channel, input());
    for (const [channel, input] of Object.entries(writes)) outcome[channel] = await call(as[role]!, channel, await input());
    const verdict = (allowed: boolean) => (allowed ? 'ok' : 'FORBIDDEN');
    expect(outcome).toEqual({
      ...Object.fromEntries(Object.keys(reads).map((c) => [c, verdict(mayRead[role])])),
      ...Object.fromEntries(Object.keys(writes).map((c) => [c, verdict(mayManage[role])])),
    });
  });
}

test('while the subscription is read-only, reports run and export but saving and deleting are refused', async () => {
  await t.api.core.master.updateTable('subscriptions').set({ status: 'expired' }).where('clinic_id', '=', t.north.clinicId).execute();
  try {
    for (const [channel, input] of Object.entries(reads)) expect(await call(t.north, channel, input())).toBe('ok');
    await t.north.fail('reports:save', { name: 'Frozen', spec: { kind: 'revenue', params: range } }, 'SUBSCRIPTION_READ_ONLY');
    await t.north.fail('reports:deleteSaved', { id: savedId }, 'SUBSCRIPTION_READ_ONLY');
  } finally {
    await t.api.core.master.updateTable('subscriptions').set({ status: 'trial' }).where('clinic_id', '=', t.north.clinicId).execute();
  }
  expect((await t.north.ok('reports:listSaved', {})).map((s) => s.id)).toContain(savedId);
});
