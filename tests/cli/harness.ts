import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenantMigrations } from '../../migrations/tenant';
import { startCore, type Core } from '../../main/core/core';
import { openSqlite } from '../../main/core/db/sqlite';
import { buildTenantFile } from '../../main/core/tenancy/build-tenant-file';
import { registerClinic, type RegisteredClinic } from '../../main/core/tenancy/register-clinic';
import { clinicInput, TEST_SCRYPT, tempDir } from '../helpers/temp-core';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run this script instead of `main/cli/main.ts` under tsx (e.g. the bin). */
  script?: string;
  /** Close our end of the stdout pipe at once, as `| head` does once it has enough. */
  closeStdout?: boolean;
}

/**
 * The CLI as a user runs it: a child process, arguments, stdin, exit code. The environment is
 * scrubbed of MEDADMIN_DATA_DIR and points the default data folder into a temporary HOME, so
 * no test can touch a real user's data.
 */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const nodeArgs = options.script ? [options.script, ...args] : ['--import', 'tsx', path.join(REPO_ROOT, 'main/cli/main.ts'), ...args];
  const env: Record<string, string | undefined> = { ...process.env, MEDADMIN_DATA_DIR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, nodeArgs, { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  if (options.closeStdout) child.stdout.destroy();
  else child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Fixture {
  dir: string;
  core: Core;
  tenantsDir: string;
  register(name: string, overrides?: Record<string, unknown>): Promise<RegisteredClinic>;
  /** Closes the core so that a child process has the folder to itself. */
  close(): Promise<void>;
  cleanup(): void;
}

/** A data folder set up in-process (cheap scrypt) before the CLI is spawned over it. */
export async function fixture(): Promise<Fixture> {
  const { dir, cleanup } = tempDir('medadmin-cli-');
  const core = await startCore({ dataDir: dir, scrypt: TEST_SCRYPT });
  let closed = false;
  return {
    dir,
    core,
    tenantsDir: core.layout.tenantsDir,
    register: (name, overrides) => registerClinic(core, clinicInput(name, overrides)),
    async close() {
      if (!closed) await core.close();
      closed = true;
    },
    cleanup,
  };
}

/** Replaces a clinic's file by one built with only the first migration: the others are pending. */
export async function makeBehind(clinic: RegisteredClinic): Promise<string[]> {
  rmSync(clinic.dbPath);
  await buildTenantFile(clinic.dbPath, { id: clinic.id, slug: clinic.slug }, { migrations: tenantMigrations.slice(0, 1) });
  return tenantMigrations.slice(1).map((m) => m.name);
}

export function replaceWithGarbage(file: string): void {
  writeFileSync(file, 'this is not a database '.repeat(200));
}

/** Another clinic's file put in this clinic's place: a swap the identity stamp must catch. */
export function swapIn(from: RegisteredClinic, to: RegisteredClinic): void {
  copyFileSync(from.dbPath, to.dbPath);
}

/** Marks a clinic file as written by a newer MedAdmin. */
export function addFutureMigration(file: string): void {
  const db = openSqlite(file);
  db.prepare('insert into medadmin_migrations (name, applied_at) values (?, ?)').run('9990-from-the-future', new Date().toISOString());
  db.close();
}

/** Lines a failing command writes must not look like a crash report. */
export const STACK_FRAME = /^\s+at /m;

/** Runs SQL through the sqlite3 shell, which (unlike our connections) may rewrite the schema. */
export function sqliteShell(file: string, sql: string): void {
  execFileSync('sqlite3', [file, sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * The CLI at a terminal: util-linux `script` gives it a pseudo-terminal. `typed` is sent only
 * once `prompt` has appeared, as a person would type it, so nothing is typed ahead in cooked mode.
 */
export function runCliInTerminal(args: string[], prompt: string, typed: string): Promise<CliResult> {
  const command = [process.execPath, '--import', 'tsx', path.join(REPO_ROOT, 'main/cli/main.ts'), ...args].map(shellQuote).join(' ');
  const env = { ...process.env };
  delete env.MEDADMIN_DATA_DIR;
  const child = spawn('script', ['-q', '-E', 'never', '-e', '-c', command, '/dev/null'], { cwd: REPO_ROOT, env });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (!sent && stdout.includes(prompt)) {
      sent = true;
      child.stdin.write(typed);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
