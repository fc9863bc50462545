import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { sidecarPaths } from '../db/sqlite';
import { fsyncDirectory } from '../fs-sync';
import type { OnProgress } from './progress';

const CHUNK = 1 << 20;

/** Read in chunks on libuv's pool: hashing a multi-gigabyte file never blocks the event loop. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies a file to a new owner-only file, synced before returning, and returns the sha256 of
 * exactly the bytes written. Refuses to overwrite.
 */
export async function copyFileHashed(source: string, dest: string, onProgress?: OnProgress): Promise<{ sha256: string; bytes: number }> {
  const total = statSync(source).size;
  const hash = createHash('sha256');
  const out = await open(dest, 'wx', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: CHUNK })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      await out.write(buf);
      bytes += buf.length;
      onProgress?.({ done: bytes, total });
    }
    await out.sync();
  } catch (err) {
    await out.close();
    rmSync(dest, { force: true });
    throw err;
  }
  await out.close();
  return { sha256: hash.digest('hex'), bytes };
}

/** Writes the whole file or nothing under its name: temp beside it, synced, renamed, directory synced. */
export async function writeFileDurable(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.partial`;
  const out = await open(temp, 'w', 0o600);
  try {
    await out.writeFile(data);
    await out.sync();
  } finally {
    await out.close();
  }
  if (process.platform !== 'win32') chmodSync(temp, 0o600);
  renameSync(temp, file);
  fsyncDirectory(file);
}

/**
 * Renames a database with its write-ahead log and rollback journal, which hold committed
 * changes of that database and must stay beside it; the shared-memory index is rebuilt from
 * the log, so it is removed rather than carried along.
 */
export function moveDatabaseFiles(from: string, to: string): void {
  if (existsSync(from)) renameSync(from, to);
  const [wal, shm, journal] = sidecarPaths(from);
  const [toWal, , toJournal] = sidecarPaths(to);
  if (wal && toWal && existsSync(wal)) renameSync(wal, toWal);
  if (journal && toJournal && existsSync(journal)) renameSync(journal, toJournal);
  if (shm) rmSync(shm, { force: true });
}
