import type { Command } from 'commander';
import type { Core } from '../core/core';

export interface CoreCliOptions {
  dataDir?: string;
  verbose?: boolean;
}

export interface JsonOption {
  json?: boolean;
}

/** Options every command that opens the data folder takes. */
export function withCoreOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', "data folder (default: $MEDADMIN_DATA_DIR, else the app's own folder)")
    .option('--verbose', 'show the details of an internal error');
}

export function withJsonOption(cmd: Command): Command {
  return cmd.option('--json', 'print JSON on stdout (progress and messages go to stderr)');
}

/**
 * How a command uses the data folder: 'inspect' reads it and changes nothing (no migration, no
 * repair, not even a WAL switch); 'change' migrates master and repairs interrupted work first;
 * 'create' may also make a new data folder (registering the first clinic). Only 'create' accepts
 * a folder that does not hold a master database yet, so a typo is reported, not filled.
 */
export type DataAccess = 'inspect' | 'change' | 'create';

/** Opens the data folder and always closes it. The core is loaded only here, so --help and usage errors answer without it. */
export async function withCore<T>(options: CoreCliOptions, access: DataAccess, fn: (core: Core) => Promise<T>): Promise<T> {
  const [{ startCore }, { resolveDataDir }] = await Promise.all([import('../core/core'), import('../core/config/data-dir')]);
  const core = await startCore({
    dataDir: resolveDataDir(options.dataDir),
    mode: access === 'inspect' ? 'inspect' : 'serve',
    create: access === 'create',
  });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
