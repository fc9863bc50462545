import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { FileRefusedError } from './refusal';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

/** The first bytes of a file (fewer if it is shorter). */
export function readFileStart(file: string, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

export const looksLikeSqlite = (start: Buffer): boolean => start.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);

/**
 * Judges a file by its header before SQLite opens it: it must be a SQLite database, and as
 * long as the header says the database is. SQLite itself would read a cut-off file as a
 * smaller database and call it healthy.
 */
export function checkSqliteHeader(file: string): void {
  const header = readFileStart(file, HEADER_SIZE);
  if (header.length < HEADER_SIZE || !looksLikeSqlite(header)) throw new FileRefusedError('not-sqlite');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) throw new FileRefusedError('corrupt');
  const size = statSync(file).size;
  if (size < pageSize || size % pageSize !== 0) throw new FileRefusedError('truncated');
  const pageCount = header.readUInt32BE(28);
  // the in-header size is valid only when written by the same change as the change counter
  const sizeValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (sizeValid && pageCount > 0 && size < pageCount * pageSize) throw new FileRefusedError('truncated');
}
