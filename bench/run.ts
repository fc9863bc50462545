/**
 * The benchmark (not part of npm test): builds a clinic chain of synthetic data in a temporary
 * folder, measures every figure of issue 6 beside its raw and naive baselines, prints a table
 * and writes bench/results.json. Exits non-zero only on an error, never on a missed target.
 *
 *   npm run bench              full sizes: 10,000 clinics, 1,000,000 patients, a 1 GB backup
 *   npm run bench -- --quick   smaller sizes, under 3 minutes (CI)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { benchApply } from './apply';
import { benchChain } from './chain';
import { seededFaker } from './data/seeded-faker';
import { describeMachine } from './machine';
import { measurePassword } from './metrics/password';
import { modeFrom, SIZES } from './mode';
import { markdownTable, writeResults } from './results';
import { runContext } from './run-context';

const SEED = 20_240_601;
const RESULTS = path.join(import.meta.dirname, 'results.json');

const mode = modeFrom(process.argv.slice(2));
const dir = mkdtempSync(path.join(tmpdir(), 'medadmin-bench-'));
const removeDir = () => rmSync(dir, { recursive: true, force: true });
process.once('SIGINT', () => {
  removeDir();
  process.exit(130);
});

try {
  const ctx = runContext(mode, SIZES[mode], dir);
  const started = performance.now();
  ctx.progress(`${mode} run in ${dir}`);
  await measurePassword(ctx);
  await benchChain(ctx, seededFaker(SEED));
  await benchApply(ctx, seededFaker(SEED + 1));
  const results = { machine: describeMachine(), mode, metrics: ctx.metrics };
  writeResults(RESULTS, results);
  const { cpus, model, memoryGb, node, sqlite } = results.machine;
  console.log(`\nMedAdmin benchmark, ${mode} mode — ${cpus} × ${model}, ${memoryGb} GB, Node ${node}, SQLite ${sqlite}\n`);
  console.log(markdownTable(results));
  console.log(`\n${ctx.notes.map((n) => `- ${n}`).join('\n')}`);
  console.log(`\nRun took ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}. Results: ${path.relative(process.cwd(), RESULTS)}`);
} finally {
  removeDir();
}
