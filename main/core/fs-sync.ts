import { closeSync, fsyncSync, openSync } from 'node:fs';
import path from 'node:path';

function syncOpened(target: string, flags: 'r' | 'r+'): void {
  const fd = openSync(target, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a file's written bytes durable before it is renamed into place. */
export function fsyncFile(file: string): void {
  syncOpened(file, 'r+');
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
export function fsyncDirectory(fileInDir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  syncOpened(path.dirname(fileInDir), 'r');
}
