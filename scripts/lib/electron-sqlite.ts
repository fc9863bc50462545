import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';
import { ScriptError } from './run-script';

export interface RebuildRequest {
  /** A folder holding package.json and node_modules/better-sqlite3 to build in place. */
  buildPath: string;
  electronVersion: string;
  arch: string;
}

interface ElectronSqliteOptions {
  electronVersion: string;
  /** Electron's NODE_MODULE_VERSION (node_modules/electron/abi_version). */
  electronAbi: string;
  /** Where the app loads the addon from (dist/native/better_sqlite3.node). */
  target: string;
  root?: string;
  arch?: string;
  /** Builds the staged copy for Electron; @electron/rebuild unless a test passes its own. */
  rebuild?: (request: RebuildRequest) => Promise<void>;
}

const ADDON = path.join('build', 'Release', 'better_sqlite3.node');

/**
 * Puts better-sqlite3's addon built for Electron's ABI at `target`, leaving node_modules alone
 * so that tests and the CLI (plain Node) keep working after `npm start`. The package is copied
 * aside (without its Node build) and rebuilt there; the result is cached per Electron version,
 * better-sqlite3 version, platform and architecture, so only the first start pays for it.
 */
export async function ensureElectronSqlite(options: ElectronSqliteOptions): Promise<{ built: boolean }> {
  const root = options.root ?? ROOT;
  const arch = options.arch ?? process.arch;
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string };
  const key = `electron-${options.electronVersion}-${process.platform}-${arch}-better-sqlite3-${version}`;
  // inside node_modules so that @electron/rebuild finds prebuild-install and node-gyp by walking up
  const cacheDir = path.join(root, 'node_modules', '.cache', 'medadmin-native', key);
  const cached = path.join(cacheDir, 'better_sqlite3.node');
  let built = false;
  if (!(existsSync(cached) && isBuiltFor(cached, options.electronAbi))) {
    const staging = path.join(cacheDir, 'staging');
    rmSync(cacheDir, { recursive: true, force: true });
    const staged = path.join(staging, 'node_modules', 'better-sqlite3');
    cpSync(source, staged, { recursive: true, filter: (file) => path.relative(source, file) !== 'build' });
    writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({ name: 'medadmin-native-staging', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': version } }),
    );
    const nodeAddon = path.join(source, ADDON);
    const nodeBuild = existsSync(nodeAddon) ? readFileSync(nodeAddon) : null;
    try {
      await (options.rebuild ?? electronRebuild)({ buildPath: staging, electronVersion: options.electronVersion, arch });
      if (nodeBuild && !readFileSync(nodeAddon).equals(nodeBuild)) {
        throw new ScriptError('The Node build of better-sqlite3 in node_modules was changed by the Electron build. Run `npm rebuild better-sqlite3` before `npm test`.');
      }
      const result = path.join(staged, ADDON);
      if (!isBuiltFor(result, options.electronAbi)) {
        throw new ScriptError(
          [
            `better-sqlite3 was built, but not for Electron ${options.electronVersion} (ABI ${options.electronAbi}): the build used`,
            "other headers (a `nodedir` npm setting, or Node's own). The app would fail to open its databases, so",
            'the result was discarded. Remove the `nodedir` setting (npm config delete nodedir) and try again.',
          ].join('\n'),
        );
      }
      copyFileSync(result, cached);
      rmSync(staging, { recursive: true, force: true });
    } catch (err) {
      rmSync(cacheDir, { recursive: true, force: true });
      throw err;
    }
    built = true;
  }
  mkdirSync(path.dirname(options.target), { recursive: true });
  copyFileSync(cached, options.target);
  return { built };
}

/**
 * A V8 addon exports its registration under the module version it was compiled for; the name
 * is stored as plain text in the export table on every platform (ELF, Mach-O, PE).
 */
function isBuiltFor(addon: string, abi: string): boolean {
  return existsSync(addon) && readFileSync(addon).includes(`node_register_module_v${abi}\0`);
}

async function electronRebuild(request: RebuildRequest): Promise<void> {
  const { rebuild } = await import('@electron/rebuild');
  console.log(`Building the SQLite engine for Electron ${request.electronVersion} (first time only; a few minutes)…`);
  // an npm `nodedir` setting makes node-gyp compile against Node's headers instead of Electron's
  for (const name of Object.keys(process.env)) if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name];
  // @electron/rebuild prints the compiler's output on failure; it is kept for MEDADMIN_DEBUG
  const output: unknown[] = [];
  const printError = console.error;
  console.error = (...args: unknown[]) => void output.push(...args);
  try {
    // projectRootPath stops its module search at the staged copy, away from the real node_modules
    await rebuild({ ...request, projectRootPath: request.buildPath, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  } catch (err) {
    if (process.env.MEDADMIN_DEBUG) printError(...output, err);
    throw new ScriptError(
      [
        `better-sqlite3 could not be built for Electron ${request.electronVersion}.`,
        "This needs internet access (a prebuilt binary from github.com, or Electron's headers from",
        'electronjs.org) and, to build from source, Python 3 and a C++ compiler.',
        'Set MEDADMIN_DEBUG=1 to see the build output. `npm test` does not need this step.',
      ].join('\n'),
    );
  } finally {
    console.error = printError;
  }
}
