import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { mainBundle, preloadBundle } from './bundles';
import { DIST, VITE_CONFIG } from './paths';

/** Main and preload bundles; dist/native (the Electron addon, slow to make) is left in place. */
export async function buildProcesses(): Promise<void> {
  for (const file of [DIST.mainEntry, DIST.preload]) rmSync(path.dirname(file), { recursive: true, force: true });
  await Promise.all([build(mainBundle()), build(preloadBundle())]);
}

/** Everything the app loads: renderer, main process and preload, into dist/. */
export async function buildApp(): Promise<void> {
  await viteBuild({ configFile: VITE_CONFIG, logLevel: 'warn' });
  await buildProcesses();
}
