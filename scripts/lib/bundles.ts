import { build as esbuild, type BuildOptions, type Plugin } from 'esbuild';
import path from 'node:path';
import { CHANNEL_NAMES } from '../../preload/contract';
import { DIST, MAIN_SOURCE, PRELOAD_SOURCE, ROOT } from './paths';

/** Electron 45 ships Chromium 142 and Node 22. */
const CHROME_TARGET = 'chrome140';
const NODE_TARGET = 'node22';

/**
 * The main process in one ESM file. Only electron stays outside: better-sqlite3's JavaScript is
 * bundled too and its addon is loaded from dist/native by path, so the packaged app ships no
 * node_modules and can never pick up the Node build of the addon by mistake. CommonJS packages
 * inside the bundle get a real `require` for Node's built-in modules.
 */
export function mainBundle(outfile: string = DIST.mainEntry): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: [MAIN_SOURCE],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    external: ['electron'],
    plugins: [bundledDatabaseWorker()],
    sourcemap: 'linked',
    legalComments: 'none',
    banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}

/**
 * The preload as one CommonJS file, as a sandboxed preload must be (it may require only
 * `electron`). The contract's schemas stay out: './contract' is replaced by the list of names.
 */
export function preloadBundle(outfile: string = DIST.preload): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: [PRELOAD_SOURCE],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: CHROME_TARGET,
    external: ['electron'],
    plugins: [contractNamesOnly()],
    legalComments: 'none',
    logLevel: 'warning',
  };
}

const WORKER_SOURCE_MODULE = path.join(ROOT, 'main/core/backup/database-worker-source.ts');
const WORKER_SCRIPT = path.join(ROOT, 'main/core/backup/database-worker.cjs');

/**
 * The database worker (backup copies and file checks) runs from code handed to
 * `new Worker(code, { eval: true })`. Under Node that code is read from main/core/backup with
 * better-sqlite3 taken from node_modules; the packaged app has neither, so here the module that
 * supplies the code is replaced by one carrying the worker already bundled with better-sqlite3's
 * JavaScript. Inside the main bundle there is no second file to ship, unpack from the asar or
 * find at run time.
 */
function bundledDatabaseWorker(): Plugin {
  return {
    name: 'bundled-database-worker',
    setup(build) {
      build.onLoad({ filter: /database-worker-source\.ts$/ }, async (args) => {
        if (path.resolve(args.path) !== WORKER_SOURCE_MODULE) return undefined;
        const worker = await esbuild({
          absWorkingDir: ROOT,
          entryPoints: [WORKER_SCRIPT],
          bundle: true,
          write: false,
          platform: 'node',
          format: 'cjs',
          target: NODE_TARGET,
          legalComments: 'none',
          logLevel: 'warning',
        });
        const code = worker.outputFiles[0]?.text ?? '';
        return { loader: 'js', contents: `export function databaseWorkerSource() { return { code: ${JSON.stringify(code)} }; }\n`, watchFiles: [WORKER_SCRIPT] };
      });
    },
  };
}

const NAMES_NAMESPACE = 'medadmin-contract-names';

function contractNamesOnly(): Plugin {
  const preloadDir = path.dirname(PRELOAD_SOURCE);
  return {
    name: 'contract-names-only',
    setup(build) {
      build.onResolve({ filter: /^\.\/contract$/ }, (args) =>
        args.resolveDir === preloadDir ? { path: 'contract', namespace: NAMES_NAMESPACE } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMES_NAMESPACE }, () => ({
        loader: 'js',
        contents: `export const CHANNEL_NAMES = ${JSON.stringify(CHANNEL_NAMES)};\n`,
      }));
    },
  };
}
