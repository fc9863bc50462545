import path from 'node:path';

/**
 * Where the build puts each part, relative to the dist folder. The build scripts write these
 * paths and the app reads them, from this one definition. No electron import: scripts use it.
 */
export function distLayout(distDir: string) {
  return {
    mainEntry: path.join(distDir, 'main', 'index.js'),
    preload: path.join(distDir, 'preload', 'index.cjs'),
    rendererDir: path.join(distDir, 'renderer'),
    /** better-sqlite3's addon built for Electron's ABI (node_modules keeps the Node build). */
    nativeSqlite: path.join(distDir, 'native', 'better_sqlite3.node'),
  };
}

/** A native addon cannot be loaded from inside an asar archive; electron-builder unpacks it beside. */
export const unpackedPath = (file: string): string => file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
