import { closeSync, fsyncSync, openSync } from 'node:fs';
import path from 'node:path';

/** Makes a rename durable: the directory entry itself must reach the disk. */
export function fsyncDirectory(fileInDir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fd = openSync(path.dirname(fileInDir), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
