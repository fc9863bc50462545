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

/** Forces a file's written bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
