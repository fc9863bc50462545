import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { markdownTable, meets, metric, resultsSchema, writeResults, type Results } from '../../bench/results';
import { recordStatements } from '../../bench/sql-replay';
import { median, percentile, round } from '../../bench/stats';
import { tempDir } from '../helpers/temp-core';

const machine = { cpus: 2, model: 'Test CPU', memoryGb: 8, node: 'v20.0.0', sqlite: '3.53.2' };

describe('percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  test('nearest rank, whatever the order of the samples', () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
    expect(median(hundred)).toBe(50);
    expect(median([7])).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  test('figures are rounded to three significant digits, at most three decimals', () => {
    expect(round(26546.4)).toBe(26546);
    expect(round(2.1449)).toBe(2.14);
    expect(round(0.0291)).toBe(0.029);
  });
});

describe('results', () => {
  let dir: { dir: string; cleanup: () => void };
  beforeEach(() => {
    dir = tempDir('medadmin-bench-test-');
  });
  afterEach(() => dir.cleanup());

  test('each metric carries the issue’s target, unit and direction; pass means on the right side of the target', () => {
    const search = metric('search_1m_p95_ms', 2.1449, { raw: 1.23, naive: 3.48 });
    expect(search).toEqual({ value: 2.14, unit: 'ms', target: 10, better: 'lower', raw: 1.23, naive: 3.48 });
    expect(meets(search)).toBe(true);
    expect(meets(metric('search_1m_p95_ms', 10.5))).toBe(false);
    expect(meets(metric('backup_mb_per_s', 250))).toBe(true);
    expect(meets(metric('backup_mb_per_s', 150))).toBe(false);
  });

  test('results.json has exactly the issue’s shape, and a results object of another shape is refused', () => {
    const file = path.join(dir.dir, 'results.json');
    const results: Results = { machine, mode: 'quick', metrics: { clinics: metric('clinics', 1000), switch_cold_p95_ms: metric('switch_cold_p95_ms', 1.5, { raw: 1 }) } };
    writeResults(file, results);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual(results);
    expect(resultsSchema.safeParse(written).success).toBe(true);
    expect(() => writeResults(file, { ...results, metrics: { made_up_ms: metric('clinics', 1) } } as unknown as Results)).toThrow();
    expect(() => writeResults(file, { ...results, machine: { ...machine, cpus: undefined } } as unknown as Results)).toThrow();
  });

  test('the table shows every measured metric in the issue’s order with its baselines and verdict', () => {
    const table = markdownTable({
      machine,
      mode: 'full',
      metrics: {
        password_hash_ms: metric('password_hash_ms', 500, { raw: 480 }),
        list_tenants_ms: metric('list_tenants_ms', 1200, { raw: 900 }),
        startup_ms: metric('startup_ms', 20),
      },
    });
    expect(table.split('\n').slice(2)).toEqual([
      '| startup_ms | 20 | ms | ≤ 200 | — | — | pass |',
      '| list_tenants_ms | 1200 | ms | ≤ 1000 | 900 | — | MISS |',
      '| password_hash_ms | 500 | ms | — | 480 | — | reported |',
    ]);
  });
});

describe('the raw baseline: recorded statements replayed', () => {
  test('records what ran on the given database only, and replays it with the same values', async () => {
    const db = new Database(':memory:');
    const other = new Database(':memory:');
    db.exec('create table t (x integer)');
    other.exec('create table t (x integer)');
    const recorder = recordStatements(db);
    db.prepare('insert into t (x) values (?)').run(41);
    other.prepare('insert into t (x) values (?)').run(1);
    db.prepare('select count(*) from t where x > ?').get(0);
    const calls = recorder.take();
    expect(calls).toEqual([
      { sql: 'insert into t (x) values (?)', method: 'run', args: [41] },
      { sql: 'select count(*) from t where x > ?', method: 'get', args: [0] },
    ]);
    // each take hands over only what ran since the last one
    db.prepare('select x from t').all();
    expect(recorder.take()).toEqual([{ sql: 'select x from t', method: 'all', args: [] }]);
    const copy = new Database(':memory:');
    copy.exec('create table t (x integer)');
    recorder.replay(copy, calls, new Map());
    expect(copy.prepare('select x from t').pluck().all()).toEqual([41]);
    // a replay runs through better-sqlite3's own methods: nothing of it is recorded, even on db
    recorder.replay(db, calls, new Map());
    expect(recorder.take()).toEqual([]);
    recorder.stop();
    // recording ends when stopped: later statements are not recorded
    db.prepare('insert into t (x) values (?)').run(2);
    expect(recorder.take()).toEqual([]);
    for (const d of [db, other, copy]) d.close();
  });
});
