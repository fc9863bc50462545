import {
  CompiledQuery,
  Kysely,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Statement } from 'better-sqlite3';
import { checkpointAndClose, type SqliteDb } from './sqlite';

const STATEMENT_CACHE_SIZE = 200;

/**
 * One connection, used by one caller at a time: a transaction holds it until it ends, so no
 * other query can slip into it while it awaits.
 */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** Callers holding the lock or waiting for it. */
  #claims = 0;

  /** Nobody holds the lock or waits for it. */
  get free(): boolean {
    return this.#claims === 0;
  }

  lock(): Promise<() => void> {
    this.#claims += 1;
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => () => {
      this.#claims -= 1;
      release();
    });
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

class SqliteConnection implements DatabaseConnection {
  readonly #db: SqliteDb;
  readonly #statements = new Map<string, Statement>();

  constructor(db: SqliteDb) {
    this.#db = db;
  }

  /** Prepared statements are reused: compiling SQL costs more than running most of ours. */
  #prepare(sql: string): Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) return stmt;
    stmt = this.#db.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('Only SELECT queries can be streamed');
    const stmt = this.#db.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

class SqliteDriver implements Driver {
  readonly #db: SqliteDb;
  readonly #connection: SqliteConnection;
  readonly #mutex = new Mutex();
  #release: (() => void) | undefined;
  /** Kysely closes only a driver it has started, so the direct path waits until it has. */
  #started = false;
  #destroyed = false;

  constructor(db: SqliteDb) {
    this.#db = db;
    this.#connection = new SqliteConnection(db);
  }

  async init(): Promise<void> {
    this.#started = true;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.lock();
    return this.#connection;
  }

  /**
   * IMMEDIATE takes the write lock at BEGIN, so a check-then-write (a double-booking check, a
   * sequence number) cannot be raced by another process writing the same file.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    this.#destroyed = true;
    checkpointAndClose(this.#db);
  }

  /**
   * The connection when nobody holds it or waits for it, else null. A statement run on it at
   * once cannot land inside another caller's transaction: that caller would hold the lock.
   */
  idleConnection(): SqliteConnection | null {
    return this.#started && !this.#destroyed && this.#mutex.free ? this.#connection : null;
  }
}

class BetterSqliteDialect implements Dialect {
  readonly #db: SqliteDb;
  driver: SqliteDriver | undefined;

  constructor(db: SqliteDb) {
    this.#db = db;
  }

  createDriver(): Driver {
    this.driver = new SqliteDriver(this.#db);
    return this.driver;
  }

  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** The driver behind each handle made here; a transaction's handle is not among them. */
const drivers = new WeakMap<object, SqliteDriver>();

/** A typed query builder over an open database; destroying it checkpoints and closes the file. */
export function kyselyOver<DB>(db: SqliteDb): Kysely<DB> {
  const dialect = new BetterSqliteDialect(db);
  const kysely = new Kysely<DB>({ dialect });
  if (dialect.driver) drivers.set(kysely, dialect.driver);
  return kysely;
}

/**
 * Runs an already compiled query. On a handle made by kyselyOver whose connection is idle it
 * goes straight to the prepared statement, skipping Kysely's connection hand-over (a lock, a
 * release and several promise hops): the screens' hottest reads are a few hundred microseconds
 * of SQLite each, and that hand-over was a measurable part of them. Anywhere else (inside a
 * transaction, or while another caller holds the connection) it takes Kysely's own path.
 */
export function executeCompiled<DB, R>(db: Kysely<DB>, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  const connection = drivers.get(db)?.idleConnection();
  return connection ? connection.executeQuery<R>(query) : db.executeQuery(query);
}
