import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApp } from './lifecycle';

// the bundle runs from dist/main/index.js; everything else it loads sits beside it in dist/
void runApp({ distDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), argv: process.argv, env: process.env });
