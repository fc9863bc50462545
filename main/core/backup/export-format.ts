import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import type { ScryptParams } from '../auth/password';
import { APP_VERSION } from './app-version';
import type { OnProgress } from './progress';
import { FileRefusedError } from './refusal';

/**
 * An encrypted export: MAGIC, the header's length (u32 BE), the header (JSON), then the
 * database in chunks, each sealed with AES-256-GCM under a key derived from the passphrase by
 * scrypt. Every chunk authenticates the whole header (as additional data), its own position
 * (in the nonce) and whether it is the last one, so an edited header, reordered, dropped or
 * cut-off chunks and appended bytes are all detected, while the file streams through in pieces.
 */
export const EXPORT_MAGIC = Buffer.from('MEDADMIN-EXPORT1', 'latin1');
export const EXPORT_EXTENSION = 'medadmin';

const CHUNK_SIZE = 1 << 20;
const TAG_BYTES = 16;
const NONCE_PREFIX_BYTES = 7;
const SALT_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;
const KEY_CHECK_LABEL = 'medadmin-export-key-check';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const headerSchema = z.object({
  format: z.literal('medadmin-export'),
  version: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  // bounded so that a crafted header cannot make the reader allocate gigabytes or spin for hours
  kdf: z.object({ name: z.literal('scrypt'), logN: z.number().int().min(10).max(22), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: b64 }),
  keyCheck: b64,
  noncePrefix: b64,
  chunkSize: z.number().int().min(4096).max(16 * CHUNK_SIZE),
  plaintextBytes: z.number().int().nonnegative(),
  clinic: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  schema: z.array(z.string()),
  createdAt: z.string(),
  appVersion: z.string(),
});

export type ExportHeader = z.infer<typeof headerSchema>;

interface Keys {
  cipherKey: Buffer;
  check: Buffer;
}

function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Keys> {
  const N = 2 ** params.logN;
  const maxmem = 256 * N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, 64, { N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) return reject(err);
      const check = createHmac('sha256', key.subarray(32)).update(KEY_CHECK_LABEL).digest().subarray(0, 16);
      resolve({ cipherKey: key.subarray(0, 32), check });
    });
  });
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

const chunkCount = (bytes: number, chunkSize: number): number => Math.max(1, Math.ceil(bytes / chunkSize));

async function readExactly(fh: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

interface EncryptOptions {
  passphrase: string;
  kdf: ScryptParams;
  clinic: ExportHeader['clinic'];
  schema: string[];
  now: Date;
  onProgress?: OnProgress;
}

/** Encrypts a database file into a new owner-only export file, synced before returning. */
export async function encryptFile(source: string, dest: string, options: EncryptOptions): Promise<void> {
  const salt = randomBytes(SALT_BYTES);
  const prefix = randomBytes(NONCE_PREFIX_BYTES);
  const keys = await deriveKeys(options.passphrase, salt, options.kdf);
  await transcode(source, dest, async (input, output) => {
    const plaintextBytes = (await input.stat()).size;
    const header: ExportHeader = {
      format: 'medadmin-export',
      version: 1,
      cipher: 'aes-256-gcm',
      kdf: { name: 'scrypt', ...options.kdf, salt: salt.toString('base64') },
      keyCheck: keys.check.toString('base64'),
      noncePrefix: prefix.toString('base64'),
      chunkSize: CHUNK_SIZE,
      plaintextBytes,
      clinic: options.clinic,
      schema: options.schema,
      createdAt: options.now.toISOString(),
      appVersion: APP_VERSION,
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const aad = Buffer.concat([EXPORT_MAGIC, length, json]);
    await output.write(aad);
    const chunks = chunkCount(plaintextBytes, CHUNK_SIZE);
    for (let i = 0; i < chunks; i++) {
      const plain = await readExactly(input, Math.min(CHUNK_SIZE, plaintextBytes - i * CHUNK_SIZE), i * CHUNK_SIZE);
      const cipher = createCipheriv('aes-256-gcm', keys.cipherKey, nonce(prefix, i, i === chunks - 1));
      cipher.setAAD(aad);
      await output.write(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
      options.onProgress?.({ done: i + 1, total: chunks, label: 'Encrypting' });
    }
  });
}

/**
 * Streams `source` into a new owner-only `dest` through `body`; the result is synced before it
 * counts, and on any failure nothing is left at `dest`.
 */
async function transcode(source: string, dest: string, body: (input: FileHandle, output: FileHandle) => Promise<void>): Promise<void> {
  const input = await open(source, 'r');
  const output = await open(dest, 'wx', 0o600);
  try {
    await body(input, output);
    await output.sync();
  } catch (err) {
    await output.close();
    rmSync(dest, { force: true });
    throw err;
  } finally {
    await input.close();
  }
  await output.close();
}

/** The authenticated-to-be header of an export, or null when the file does not start like one. */
export async function readExportHeader(file: string): Promise<{ header: ExportHeader; aad: Buffer } | null> {
  const fh = await open(file, 'r');
  try {
    const start = await readExactly(fh, EXPORT_MAGIC.length + 4, 0);
    if (start.length < EXPORT_MAGIC.length || !start.subarray(0, EXPORT_MAGIC.length).equals(EXPORT_MAGIC)) return null;
    if (start.length < EXPORT_MAGIC.length + 4) throw new FileRefusedError('truncated');
    const length = start.readUInt32BE(EXPORT_MAGIC.length);
    if (length > MAX_HEADER_BYTES) throw new FileRefusedError('tampered');
    const json = await readExactly(fh, length, start.length);
    if (json.length < length) throw new FileRefusedError('truncated');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new FileRefusedError('tampered');
    }
    const header = headerSchema.safeParse(parsed);
    if (!header.success) throw new FileRefusedError('tampered');
    return { header: header.data, aad: Buffer.concat([start, json]) };
  } finally {
    await fh.close();
  }
}

/**
 * Decrypts an export into a new owner-only file. Only authenticated chunks are ever written;
 * on any failure the output is removed. A wrong passphrase is told apart from a damaged file
 * by the header's key check.
 */
export async function decryptFile(source: string, dest: string, passphrase: string, onProgress?: OnProgress): Promise<ExportHeader> {
  const found = await readExportHeader(source);
  if (!found) throw new FileRefusedError('not-sqlite');
  const { header, aad } = found;
  const keys = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const expectedCheck = Buffer.from(header.keyCheck, 'base64');
  if (expectedCheck.length !== keys.check.length || !timingSafeEqual(expectedCheck, keys.check)) throw new FileRefusedError('wrong-passphrase');
  const prefix = Buffer.from(header.noncePrefix, 'base64');
  if (prefix.length !== NONCE_PREFIX_BYTES) throw new FileRefusedError('tampered');
  const chunks = chunkCount(header.plaintextBytes, header.chunkSize);
  await transcode(source, dest, async (input, output) => {
    const size = (await input.stat()).size;
    const expected = aad.length + header.plaintextBytes + chunks * TAG_BYTES;
    if (size < expected) throw new FileRefusedError('truncated');
    if (size > expected) throw new FileRefusedError('tampered');
    let position = aad.length;
    for (let i = 0; i < chunks; i++) {
      const plainLength = Math.min(header.chunkSize, header.plaintextBytes - i * header.chunkSize);
      const sealed = await readExactly(input, plainLength + TAG_BYTES, position);
      position += sealed.length;
      const decipher = createDecipheriv('aes-256-gcm', keys.cipherKey, nonce(prefix, i, i === chunks - 1));
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.subarray(plainLength));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed.subarray(0, plainLength)), decipher.final()]);
      } catch (cause) {
        throw new FileRefusedError('tampered', { cause });
      }
      await output.write(plain);
      onProgress?.({ done: i + 1, total: chunks, label: 'Decrypting' });
    }
  });
  return header;
}
