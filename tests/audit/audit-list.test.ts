import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asRole, type SignedIn } from '../helpers/api';
import { addDoctor, addPatient, twoClinics, type TwoClinics } from '../appointments/fixtures';

let t: TwoClinics;
let manager: SignedIn;
let regionIds: string[];

beforeAll(async () => {
  t = await twoClinics();
  manager = await asRole(t.north, 'manager');
  // three changes ten minutes apart, by two people: 10:00, 10:10 and 10:20 UTC
  // (each owner makes a call meanwhile, so that the automatic sign-out does not end their session)
  const later = async () => {
    t.clock.advanceMinutes(10);
    for (const owner of [t.north, t.south]) await owner.ok('regions:list', {});
  };
  const a = await t.north.ok('regions:create', { name: 'Audit A', code: 'AA' });
  await later();
  const b = await manager.ok('regions:create', { name: 'Audit B', code: 'AB' });
  await later();
  await manager.ok('regions:update', { id: a.id, name: 'Audit A2' });
  regionIds = [a.id, b.id];
});
afterAll(async () => t.api.dispose());

describe('audit:list', () => {
  test('newest first, paginated, each entry with who, when, what and the old and new values', async () => {
    const all = await t.north.ok('audit:list', { entity: 'region' });
    expect(all.total).toBe(3);
    expect(all.items.map((e) => [e.action, e.entityId, e.userId])).toEqual([
      ['update', regionIds[0], manager.userId],
      ['create', regionIds[1], manager.userId],
      ['create', regionIds[0], t.north.userId],
    ]);
    expect(all.items[0]).toMatchObject({ at: '2025-03-24T10:20:00.000Z', userName: manager.session.user.fullName, changes: { name: ['Audit A', 'Audit A2'] } });
    const page2 = await t.north.ok('audit:list', { entity: 'region', pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((e) => e.id)).toEqual([all.items[2]!.id]);
  });

  test('filters by user, entity, entity id, action and period (instants or clinic dates)', async () => {
    const ids = async (input: Parameters<typeof t.north.ok<'audit:list'>>[1]) => (await t.north.ok('audit:list', { entity: 'region', ...input })).items.map((e) => e.action + ':' + e.entityId);
    expect(await ids({ userId: t.north.userId })).toEqual([`create:${regionIds[0]}`]);
    expect(await ids({ entityId: regionIds[0] })).toEqual([`update:${regionIds[0]}`, `create:${regionIds[0]}`]);
    expect(await ids({ action: 'update' })).toEqual([`update:${regionIds[0]}`]);
    expect(await ids({ from: '2025-03-24T10:05:00Z', to: '2025-03-24T10:15:00Z' })).toEqual([`create:${regionIds[1]}`]);
    expect(await ids({ from: '2025-03-24T12:15:00+02:00' })).toEqual([`update:${regionIds[0]}`]);
    expect((await ids({ from: '2025-03-24', to: '2025-03-24' })).length).toBe(3);
    expect(await ids({ from: '2025-03-25' })).toEqual([]);
    expect(await ids({ to: '2025-03-23' })).toEqual([]);
    const error = await t.north.fail('audit:list', { from: 'yesterday', pageSize: 0 }, 'VALIDATION');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['from', 'pageSize']);
  });

  test('each clinic reads only its own trail', async () => {
    await t.south.ok('regions:create', { name: 'South Audit', code: 'SA' });
    const south = await t.south.ok('audit:list', { entity: 'region' });
    expect(south.items.map((e) => e.userId)).toEqual([t.south.userId]);
    expect((await t.south.ok('audit:list', { entityId: regionIds[0] })).total).toBe(0);
  });

  test('managers and owners read it; other roles are refused', async () => {
    for (const role of ['front_desk', 'doctor', 'viewer'] as const) {
      await (await asRole(t.north, role)).fail('audit:list', {}, 'FORBIDDEN');
    }
    expect((await manager.ok('audit:list', {})).total).toBeGreaterThan(0);
  });

  test("an appointment's values are sealed to its patient: readable until the patient is erased", async () => {
    const doctor = await addDoctor(t.north);
    const patientId = await addPatient(t.north);
    const a = await t.north.ok('appointments:book', { patientId, doctorId: doctor.id, localStart: '2025-03-26T09:00' });
    await t.north.ok('appointments:update', { id: a.id, reason: 'Chest pain' });
    const before = await t.north.ok('audit:list', { entityId: a.id, action: 'update' });
    expect(before.items[0]!.changes).toEqual({ reason: [null, 'Chest pain'] });
    expect(before.items[0]!.details).toEqual({ patientId });
    // in the file itself the text is not readable
    const path = await t.api.core.tenants.use({ id: t.north.clinicId, slug: t.north.session.activeClinic!.slug }, (h) => h.path);
    const raw = new Database(path, { readonly: true });
    const stored = raw.prepare("select changes from audit_log where entity_id = ? and action = 'update'").get(a.id) as { changes: string };
    raw.close();
    expect(stored.changes).not.toContain('Chest pain');

    const mrn = (await t.north.ok('patients:get', { id: patientId })).mrn;
    await t.north.ok('patients:erase', { id: patientId, confirmMrn: mrn });
    const after = await t.north.ok('audit:list', { entityId: a.id, action: 'update' });
    expect(after.items[0]!.changes).toEqual({ reason: [null, null] });
    expect((await t.north.ok('appointments:get', { id: a.id })).reason).toBeNull();
  });
});

describe('append-only at the database level', () => {
  test('UPDATE and DELETE on the audit log are refused by the clinic database itself', async () => {
    const path = await t.api.core.tenants.use({ id: t.north.clinicId, slug: t.north.session.activeClinic!.slug }, (h) => h.path);
    const db = new Database(path);
    try {
      const count = () => (db.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
      const n = count();
      expect(n).toBeGreaterThan(0);
      expect(() => db.prepare("update audit_log set action = 'forged'").run()).toThrow(/append-only/);
      expect(() => db.prepare('delete from audit_log').run()).toThrow(/append-only/);
      expect(() => db.prepare('delete from audit_log where id = (select max(id) from audit_log)').run()).toThrow(/append-only/);
      expect(count()).toBe(n);
      expect((db.prepare("select count(*) as n from audit_log where action = 'forged'").get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
