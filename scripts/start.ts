import { spawn } from 'node:child_process';
import { createServer, type ViteDevServer } from 'vite';
import { buildApp, buildProcesses } from './lib/build-app';
import { electronPackage, ensureElectronBinary } from './lib/electron-binary';
import { ensureElectronSqlite } from './lib/electron-sqlite';
import { DIST, ROOT, VITE_CONFIG } from './lib/paths';
import { runScript } from './lib/run-script';

/*
 * npm start [-- --dev]: makes sure the Electron runtime and the Electron build of the SQLite
 * addon exist (downloading/building them on first use), builds the app and runs it. With --dev
 * the renderer comes from the Vite dev server, with hot reload.
 */
runScript(async () => {
  const dev = process.argv.includes('--dev');
  const pkg = electronPackage();
  const electron = ensureElectronBinary(pkg);
  await ensureElectronSqlite({ electronVersion: pkg.version, electronAbi: pkg.abi, target: DIST.nativeSqlite });

  let server: ViteDevServer | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  if (dev) {
    server = await createServer({ configFile: VITE_CONFIG });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the dev server did not report its address');
    env.MEDADMIN_DEV_SERVER_URL = new URL(url).origin;
    await buildProcesses();
  } else {
    await buildApp();
  }

  const child = spawn(electron, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await server?.close();
  return code;
});
