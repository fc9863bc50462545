import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asRole, type SignedIn } from '../helpers/api';
import { twoClinics, type TwoClinics } from '../appointments/fixtures';

let t: TwoClinics;
let manager: SignedIn;
let desk: SignedIn;
beforeAll(async () => {
  t = await twoClinics();
  manager = await asRole(t.north, 'manager');
  desk = await asRole(t.north, 'front_desk');
});
afterAll(async () => t.api.dispose());

describe('regions', () => {
  test('create, read, update with an audited old and new value, in one clinic only', async () => {
    const region = await t.north.ok('regions:create', { name: ' Northern Hills ', code: 'nh-1' });
    expect(region).toMatchObject({ name: 'Northern Hills', code: 'NH-1', deletedAt: null });
    expect(await t.north.ok('regions:get', { id: region.id })).toEqual(region);
    await t.south.fail('regions:get', { id: region.id }, 'NOT_FOUND');
    // the code is unique within a clinic, not across clinics
    const clash = await t.north.fail('regions:create', { name: 'Other', code: 'NH-1' }, 'CONFLICT');
    expect(clash.fields).toEqual({ code: 'Already in use.' });
    await t.south.ok('regions:create', { name: 'Their hills', code: 'NH-1' });

    const updated = await t.north.ok('regions:update', { id: region.id, name: 'North Hills' });
    expect(updated).toMatchObject({ name: 'North Hills', code: 'NH-1' });
    const audit = await t.north.ok('audit:list', { entity: 'region', entityId: region.id });
    expect(audit.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(audit.items[0]).toMatchObject({ userId: t.north.userId, changes: { name: ['Northern Hills', 'North Hills'] } });
    // an update that changes nothing writes nothing
    await t.north.ok('regions:update', { id: region.id, name: 'North Hills' });
    expect((await t.north.ok('audit:list', { entity: 'region', entityId: region.id })).total).toBe(2);
  });

  test('per-field validation messages and nothing written', async () => {
    const error = await t.north.fail('regions:create', { name: '', code: 'bad code!' }, 'VALIDATION');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['code', 'name']);
    await t.north.fail('regions:create', { name: 'X', code: 'X', extra: 1 } as never, 'VALIDATION');
    await t.north.fail('regions:update', { id: 'not-a-uuid', name: 'X' }, 'VALIDATION');
    expect((await t.north.ok('regions:list', { q: 'bad code' })).total).toBe(0);
  });

  test('list: pagination, sorting, search', async () => {
    const { api } = t;
    const clinic = await (await import('../helpers/api')).registerViaApi(api, 'List Clinic');
    for (const [name, code] of [['Delta', 'D'], ['alpha', 'A'], ['Charlie', 'C'], ['Bravo', 'B'], ['Echo 100%', 'E']]) {
      await clinic.ok('regions:create', { name: name!, code: code! });
    }
    const first = await clinic.ok('regions:list', { pageSize: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((r) => r.name)).toEqual(['alpha', 'Bravo']);
    const third = await clinic.ok('regions:list', { pageSize: 2, page: 3 });
    expect(third.items.map((r) => r.name)).toEqual(['Echo 100%']);
    const byCode = await clinic.ok('regions:list', { sort: 'code', order: 'desc' });
    expect(byCode.items.map((r) => r.code)).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect((await clinic.ok('regions:list', { q: 'rav' })).items.map((r) => r.name)).toEqual(['Bravo']);
    // the user's % is a character, not a wildcard
    expect((await clinic.ok('regions:list', { q: '0%' })).items.map((r) => r.name)).toEqual(['Echo 100%']);
    expect((await clinic.ok('regions:list', { q: '%' })).total).toBe(1);
    await clinic.fail('regions:list', { pageSize: 1000 }, 'VALIDATION');
    await clinic.fail('regions:list', { sort: 'secret' as 'name' }, 'VALIDATION');
  });
});

describe('hospitals', () => {
  test('belong to an existing region of this clinic; the list filters by region', async () => {
    const north = await t.north.ok('regions:create', { name: 'Hospital Region', code: 'HR' });
    const other = await t.north.ok('regions:create', { name: 'Other Region', code: 'OR' });
    const southRegion = await t.south.ok('regions:create', { name: 'South only', code: 'SO' });
    const h = await t.north.ok('hospitals:create', { name: 'St. Mary', regionId: north.id, address: '1 Main St', phone: '+49 30 123456' });
    expect(h).toMatchObject({ regionId: north.id, regionName: 'Hospital Region', phone: '+49 30 123456' });
    await t.north.ok('hospitals:create', { name: 'Elsewhere', regionId: other.id });
    const error = await t.north.fail('hospitals:create', { name: 'Wrong', regionId: southRegion.id }, 'VALIDATION');
    expect(error.fields).toEqual({ regionId: 'Choose an existing region.' });
    const bad = await t.north.fail('hospitals:create', { name: 'Bad phone', phone: 'call me' }, 'VALIDATION');
    expect(Object.keys(bad.fields ?? {})).toEqual(['phone']);
    const listed = await t.north.ok('hospitals:list', { regionId: north.id });
    expect(listed.items.map((x) => x.name)).toEqual(['St. Mary']);
    const moved = await t.north.ok('hospitals:update', { id: h.id, regionId: other.id, phone: '' });
    expect(moved).toMatchObject({ regionId: other.id, phone: null });
    const audit = await t.north.ok('audit:list', { entity: 'hospital', entityId: h.id, action: 'update' });
    expect(audit.items[0]!.changes).toEqual({ region_id: [north.id, other.id], phone: ['+49 30 123456', null] });
  });
});

describe('soft delete and restore', () => {
  test('hidden from lists, kept in the file, restorable by a manager; parents and children stay consistent', async () => {
    const region = await t.north.ok('regions:create', { name: 'To Delete', code: 'DEL' });
    const hospital = await t.north.ok('hospitals:create', { name: 'Doomed', regionId: region.id });
    const doctor = await t.north.ok('doctors:create', { fullName: 'Dr Leaving', hospitalId: hospital.id });

    await t.north.fail('regions:delete', { id: region.id }, 'CONFLICT');
    await t.north.fail('hospitals:delete', { id: hospital.id }, 'CONFLICT');
    await t.north.ok('doctors:delete', { id: doctor.id });
    await t.north.ok('hospitals:delete', { id: hospital.id });
    const deleted = await t.north.ok('regions:delete', { id: region.id });
    expect(deleted.deletedAt).not.toBeNull();

    expect((await t.north.ok('regions:list', { q: 'To Delete' })).total).toBe(0);
    expect((await t.north.ok('regions:list', { q: 'To Delete', deleted: 'only' })).items.map((r) => r.id)).toEqual([region.id]);
    expect((await t.north.ok('hospitals:list', { deleted: 'include', q: 'Doomed' })).total).toBe(1);
    // deleted records cannot be changed, used, or deleted twice
    await t.north.fail('regions:update', { id: region.id, name: 'X' }, 'NOT_FOUND');
    await t.north.fail('regions:delete', { id: region.id }, 'NOT_FOUND');
    await t.north.fail('hospitals:create', { name: 'New', regionId: region.id }, 'VALIDATION');

    // the front desk may not restore; a child cannot come back before its parent
    await desk.fail('regions:restore', { id: region.id }, 'FORBIDDEN');
    await manager.fail('hospitals:restore', { id: hospital.id }, 'CONFLICT');
    await manager.fail('doctors:restore', { id: doctor.id }, 'CONFLICT');
    await manager.ok('regions:restore', { id: region.id });
    await manager.ok('hospitals:restore', { id: hospital.id });
    expect((await manager.ok('doctors:restore', { id: doctor.id })).deletedAt).toBeNull();
    await manager.fail('doctors:restore', { id: doctor.id }, 'CONFLICT');

    const trail = await t.north.ok('audit:list', { entityId: region.id });
    expect(trail.items.map((e) => e.action)).toEqual(['restore', 'delete', 'create']);
    expect(trail.items[0]!.userId).toBe(manager.userId);
  });
});

describe('permissions', () => {
  test('everyone reads reference data; only managers and owners change it', async () => {
    const region = await t.north.ok('regions:create', { name: 'Perm', code: 'PERM' });
    for (const role of ['front_desk', 'doctor', 'viewer'] as const) {
      const who = role === 'front_desk' ? desk : await asRole(t.north, role);
      expect((await who.ok('regions:get', { id: region.id })).id).toBe(region.id);
      await who.fail('regions:create', { name: 'No', code: 'NO' }, 'FORBIDDEN');
      await who.fail('hospitals:create', { name: 'No' }, 'FORBIDDEN');
      await who.fail('doctors:create', { fullName: 'No' }, 'FORBIDDEN');
      await who.fail('regions:delete', { id: region.id }, 'FORBIDDEN');
    }
    await manager.ok('regions:update', { id: region.id, name: 'Perm 2' });
  });
});
