import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';
import { ScriptError } from './run-script';

interface ElectronPackage {
  dir: string;
  version: string;
}

/** The installed electron package: its version and the ABI (NODE_MODULE_VERSION) native addons need. */
export function electronPackage(root: string = ROOT): ElectronPackage & { abi: string } {
  const dir = path.join(root, 'node_modules', 'electron');
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version, abi: readFileSync(path.join(dir, 'abi_version'), 'utf8').trim() };
}

/** The executable the electron package has unpacked, or null while it has not (the same test its install.js makes). */
function installedElectron(pkg: ElectronPackage): string | null {
  try {
    const version = readFileSync(path.join(pkg.dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const relative = readFileSync(path.join(pkg.dir, 'path.txt'), 'utf8');
    const exe = path.join(pkg.dir, 'dist', relative);
    return version === pkg.version && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function electronUnavailable(version: string): ScriptError {
  return new ScriptError(
    [
      `The Electron ${version} runtime is not installed and could not be downloaded.`,
      'npm does not run its download during install (package.json "allowScripts"), so `npm start`',
      'fetches it on first use, which needs internet access to github.com.',
      'Connect this machine to the internet and run the command again, or set ELECTRON_MIRROR to a',
      'reachable mirror. `npm test` does not need Electron.',
    ].join('\n'),
  );
}

/**
 * Returns the Electron executable, downloading it with the package's own install script when it
 * is missing. That script's failure (a stack trace about a network error) is kept out of sight
 * and replaced by one message that says what to do.
 */
export function ensureElectronBinary(pkg: ElectronPackage = electronPackage()): string {
  const present = installedElectron(pkg);
  if (present) return present;
  console.log(`Downloading the Electron ${pkg.version} runtime (first start only)…`);
  // the person asked to run the app, so a skip flag meant for `npm ci` does not apply here
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(pkg.dir, 'install.js')], { cwd: pkg.dir, env, encoding: 'utf8' });
  const installed = result.status === 0 ? installedElectron(pkg) : null;
  if (!installed) {
    if (process.env.MEDADMIN_DEBUG) console.error(result.stderr);
    throw electronUnavailable(pkg.version);
  }
  return installed;
}
