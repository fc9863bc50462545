import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the e2e setup builds to and the harness serves from; one definition for every side. */
export const E2E_PATHS = {
  root,
  rendererDir: path.join(root, 'dist/renderer'),
  bridgeEntry: path.join(root, 'tests/e2e/harness/bridge.ts'),
  bridgeBundle: path.join(root, 'dist/e2e/bridge.js'),
  serverEntry: path.join(root, 'tests/e2e/harness/server.ts'),
  screenshots: path.join(root, 'test-results/screenshots'),
};

/** Debian's package; E2E_CHROMIUM points elsewhere on machines that keep it somewhere else. */
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
