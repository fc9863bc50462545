import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'MedAdmin';

export interface DataLayout {
  root: string;
  masterPath: string;
  tenantsDir: string;
  backupsDir: string;
  archiveDir: string;
}

/**
 * The folder Electron's app.getPath('userData') gives this app, computed without Electron so
 * that the CLI and the app agree on where the data lives.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER_NAME);
  }
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, APP_FOLDER_NAME);
}

/** An explicit flag wins over MEDADMIN_DATA_DIR, which wins over the app's own folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.MEDADMIN_DATA_DIR;
  return path.resolve(chosen || defaultDataDir(process.platform, env));
}

export function dataLayout(root: string): DataLayout {
  const abs = path.resolve(root);
  return {
    root: abs,
    masterPath: path.join(abs, 'master.sqlite3'),
    tenantsDir: path.join(abs, 'tenant_databases'),
    backupsDir: path.join(abs, 'backups'),
    archiveDir: path.join(abs, 'archive'),
  };
}

/** Creates the folders owner-only (0700), tightening any that already exist. */
export function ensureDataLayout(layout: DataLayout): DataLayout {
  for (const dir of [layout.root, layout.tenantsDir, layout.backupsDir, layout.archiveDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  }
  return layout;
}
