import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp } from './lib/build-app';
import { electronPackage } from './lib/electron-binary';
import { ensureElectronSqlite } from './lib/electron-sqlite';
import { DIST, ROOT } from './lib/paths';
import { runScript, ScriptError } from './lib/run-script';

/*
 * npm run dist [-- electron-builder flags, e.g. --linux]: installers into release/. Needs
 * internet (Electron's headers or a prebuilt addon, and Electron itself for packaging). Native
 * code cannot be cross-built: make each platform's installer on that platform.
 */
runScript(async () => {
  const electron = electronPackage();
  await ensureElectronSqlite({ electronVersion: electron.version, electronAbi: electron.abi, target: DIST.nativeSqlite });
  await buildApp();
  const cli = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const args = ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)];
  const { status } = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) {
    throw new ScriptError('electron-builder failed (its output is above). Packaging downloads Electron for each target, so it needs internet.');
  }
});
