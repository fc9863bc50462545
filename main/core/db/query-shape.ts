import { randomUUID } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import { executeCompiled } from './kysely-sqlite';

/**
 * A query whose shape never changes, only its values: built and compiled once per database
 * handle, then re-run with new values. Building and compiling a Kysely select of many columns
 * costs about as much as SQLite's own work for a one-row read, and the screens' hottest reads
 * (a page of patients, one patient's record) run the same few shapes over and over.
 *
 * The builder receives `slot(name)` for each value that changes between runs; every other value
 * it writes stays a bound constant. Values are matched to the compiled parameters by identity
 * of a marker, never by position, so reordering the builder cannot misbind them.
 */
export interface QueryShape<DB, Slots extends string, Row> {
  execute(db: Kysely<DB>, values: Readonly<Record<Slots, unknown>>): Promise<Row[]>;
}

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** Per compiled parameter: the slot it takes its value from, or undefined to keep the constant. */
  slots: (string | undefined)[];
}

export function queryShape<DB, Slots extends string, Row>(
  build: (db: Kysely<DB>, slot: (name: Slots) => never) => { compile(): CompiledQuery<Row> },
): QueryShape<DB, Slots, Row> {
  // keyed by handle: a transaction is its own handle, and a handle's plugins shape its SQL
  const byDb = new WeakMap<Kysely<DB>, Compiled<Row>>();
  const compile = (db: Kysely<DB>): Compiled<Row> => {
    // a marker is a string no stored value will equal (a NUL and a fresh UUID), so whatever inspects the compiled query can still bind it
    const nonce = randomUUID();
    const markers = new Map<string, string>();
    const slot = (name: Slots): never => {
      const marker = `\u0000slot:${nonce}:${name}`;
      markers.set(marker, name);
      return marker as never;
    };
    const query = build(db, slot).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' ? markers.get(p) : undefined));
    if (new Set(slots.filter((s) => s !== undefined)).size !== markers.size) throw new Error('queryShape: a slot was not bound as a parameter');
    return { query, slots };
  };
  return {
    async execute(db, values) {
      let compiled = byDb.get(db);
      if (!compiled) byDb.set(db, (compiled = compile(db)));
      const { query, slots } = compiled;
      const parameters = query.parameters.map((p, i) => {
        const name = slots[i];
        return name === undefined ? p : values[name as Slots];
      });
      const result = await executeCompiled<DB, Row>(db, { ...query, parameters });
      return result.rows;
    },
  };
}

/**
 * Shapes for a query whose structure depends on a few choices (which filters were given, the
 * sort): one shape per distinct set of choices, made the first time it is asked for. `make`
 * sees only the choices, never the values, so no value can end up compiled into a shape.
 */
export function shapeFamily<Form extends Record<string, string | number | boolean>, Shape>(make: (form: Form) => Shape): (form: Form) => Shape {
  const shapes = new Map<string, Shape>();
  return (form) => {
    const key = JSON.stringify(form);
    let shape = shapes.get(key);
    if (!shape) shapes.set(key, (shape = make(form)));
    return shape;
  };
}
