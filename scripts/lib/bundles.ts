import type { BuildOptions, Plugin } from 'esbuild';
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
