import { expect, test } from 'vitest';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { queryShape, shapeFamily } from '../../main/core/db/query-shape';
import { openMemory } from '../../main/core/db/sqlite';

interface DB {
  items: { id: number; kind: string; name: string };
}

function seeded() {
  const sqlite = openMemory();
  sqlite.exec(`create table items (id integer primary key, kind text not null, name text not null);
    insert into items values (1, 'a', 'one'), (2, 'b', 'two'), (3, 'a', 'three'), (4, 'a', 'four');`);
  return { sqlite, db: kyselyOver<DB>(sqlite) };
}

test('a shape is compiled once and re-run with each call’s values, constants kept', async () => {
  const { db } = seeded();
  let builds = 0;
  const shape = queryShape<DB, 'after' | 'limit', { id: number }>((d, slot) => {
    builds += 1;
    // the limit slot comes first in the builder but binds last in the SQL: matched by marker, not position
    const limit = slot('limit');
    return d.selectFrom('items').select('id').where('kind', '=', 'a').where('id', '>', slot('after')).orderBy('id').limit(limit);
  });
  expect(await shape.execute(db, { after: 0, limit: 2 })).toEqual([{ id: 1 }, { id: 3 }]);
  expect(await shape.execute(db, { after: 1, limit: 5 })).toEqual([{ id: 3 }, { id: 4 }]);
  expect(builds).toBe(1);
});

test('each database handle, a transaction included, gets its own compiled query', async () => {
  const { db } = seeded();
  let builds = 0;
  const shape = queryShape<DB, 'id', { name: string }>((d, slot) => {
    builds += 1;
    return d.selectFrom('items').select('name').where('id', '=', slot('id'));
  });
  expect(await shape.execute(db, { id: 2 })).toEqual([{ name: 'two' }]);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('items').set({ name: 'deux' }).where('id', '=', 2).execute();
    expect(await shape.execute(trx, { id: 2 })).toEqual([{ name: 'deux' }]);
  });
  expect(builds).toBe(2);
});

test('a slot the builder drops is refused rather than silently unbound', async () => {
  const { db } = seeded();
  const shape = queryShape<DB, 'id', { id: number }>((d, slot) => {
    slot('id');
    return d.selectFrom('items').select('id');
  });
  await expect(shape.execute(db, { id: 1 })).rejects.toThrow(/slot/);
});

test('a family makes one shape per set of choices, the first time each is asked for', async () => {
  const { db } = seeded();
  const made: string[] = [];
  const byKind = shapeFamily((form: { kind: boolean; order: 'asc' | 'desc' }) => {
    made.push(JSON.stringify(form));
    return queryShape<DB, 'kind', { id: number }>((d, slot) => {
      let query = d.selectFrom('items').select('id');
      if (form.kind) query = query.where('kind', '=', slot('kind'));
      return query.orderBy('id', form.order);
    });
  });
  expect(await byKind({ kind: true, order: 'asc' }).execute(db, { kind: 'a' })).toEqual([{ id: 1 }, { id: 3 }, { id: 4 }]);
  expect(await byKind({ kind: true, order: 'asc' }).execute(db, { kind: 'b' })).toEqual([{ id: 2 }]);
  expect(await byKind({ kind: false, order: 'desc' }).execute(db, { kind: 'b' })).toEqual([{ id: 4 }, { id: 3 }, { id: 2 }, { id: 1 }]);
  expect(byKind({ kind: true, order: 'asc' })).toBe(byKind({ kind: true, order: 'asc' }));
  expect(made).toEqual(['{"kind":true,"order":"asc"}', '{"kind":false,"order":"desc"}']);
});

test('a shape run by another caller during a transaction waits for it instead of reading inside it', async () => {
  const { db } = seeded();
  const shape = queryShape<DB, 'id', { name: string }>((d, slot) => d.selectFrom('items').select('name').where('id', '=', slot('id')));
  let outside: Promise<{ name: string }[]> | undefined;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('items').set({ name: 'half-done' }).where('id', '=', 2).execute();
    // the connection is shared, so running at once would see the unfinished change
    outside = shape.execute(db, { id: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await trx.updateTable('items').set({ name: 'done' }).where('id', '=', 2).execute();
  });
  expect(await outside).toEqual([{ name: 'done' }]);
  expect(await shape.execute(db, { id: 2 })).toEqual([{ name: 'done' }]);
});

test('a shape on a destroyed handle is refused, not run on a closed connection', async () => {
  const { db } = seeded();
  const shape = queryShape<DB, 'id', { name: string }>((d, slot) => d.selectFrom('items').select('name').where('id', '=', slot('id')));
  expect(await shape.execute(db, { id: 1 })).toEqual([{ name: 'one' }]);
  await db.destroy();
  await expect(shape.execute(db, { id: 1 })).rejects.toThrow(/destroyed/);
});
