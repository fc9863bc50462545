import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

function syncDirectory(target: string): void {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a file's written bytes durable before it is renamed into place. On libuv's pool: syncing
 * a freshly written gigabyte takes long enough to freeze the app's windows if done inline.
 */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
export function fsyncDirectory(fileInDir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  syncDirectory(path.dirname(fileInDir));
}
