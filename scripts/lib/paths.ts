import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distLayout } from '../../main/app/dist-layout';

/** The repository root, wherever the scripts are started from. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST_DIR = path.join(ROOT, 'dist');
export const DIST = distLayout(DIST_DIR);
export const MAIN_SOURCE = path.join(ROOT, 'main/app/index.ts');
export const PRELOAD_SOURCE = path.join(ROOT, 'preload/index.ts');
export const VITE_CONFIG = path.join(ROOT, 'vite.config.ts');
