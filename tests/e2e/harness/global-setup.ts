import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build as bundle } from 'esbuild';
import { build as viteBuild } from 'vite';
import { assertChromium } from './chromium';
import { E2E_PATHS } from './paths';

/**
 * Builds what the browser tests exercise: the production renderer (exactly as `vite build`
 * makes it) and the test-only bridge. Runs once before the e2e files.
 */
export default async function setup(): Promise<void> {
  assertChromium();
  // the project's own config, untouched: its output (dist/renderer) is what the harness serves.
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: path.join(E2E_PATHS.root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  rmSync(path.dirname(E2E_PATHS.bridgeBundle), { recursive: true, force: true });
  mkdirSync(path.dirname(E2E_PATHS.bridgeBundle), { recursive: true });
  await bundle({
    entryPoints: [E2E_PATHS.bridgeEntry],
    outfile: E2E_PATHS.bridgeBundle,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
  rmSync(E2E_PATHS.screenshots, { recursive: true, force: true });
  mkdirSync(E2E_PATHS.screenshots, { recursive: true });
}
