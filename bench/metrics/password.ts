import { randomBytes, scrypt } from 'node:crypto';
import { DEFAULT_SCRYPT, hashPassword } from '../../main/core/auth/password';
import type { RunContext } from '../run-context';
import { maxStallDuring } from '../stall';
import { median, timeEach } from '../stats';

/** Node's scrypt with the same parameters, called directly. */
function rawScrypt(): Promise<void> {
  const N = 2 ** DEFAULT_SCRYPT.logN;
  const options = { N, r: DEFAULT_SCRYPT.r, p: DEFAULT_SCRYPT.p, maxmem: 256 * N * DEFAULT_SCRYPT.r + 16 * 2 ** 20 };
  return new Promise((resolve, reject) => scrypt('correct horse battery staple', randomBytes(16), 32, options, (err) => (err ? reject(err) : resolve())));
}

/** password_hash_ms: one hash at the product's parameters, and proof that it leaves the event loop free. */
export async function measurePassword(ctx: RunContext): Promise<void> {
  const runs = Array.from({ length: ctx.sizes.hashes });
  const { value: product, maxStallMs } = await maxStallDuring(() => timeEach(runs, () => hashPassword('correct horse battery staple', DEFAULT_SCRYPT)));
  const raw = await timeEach(runs, rawScrypt);
  // the same wait with nothing to do: what the machine's other load alone does to the event loop
  const idle = await maxStallDuring(() => new Promise((resolve) => setTimeout(resolve, product.reduce((a, b) => a + b, 0))));
  ctx.record('password_hash_ms', median(product), { raw: median(raw) });
  ctx.note(
    `password_hash_ms: scrypt logN=${DEFAULT_SCRYPT.logN} r=${DEFAULT_SCRYPT.r} p=${DEFAULT_SCRYPT.p} on libuv's pool; the event loop's longest stall while hashing was ` +
      `${maxStallMs.toFixed(1)} ms, and ${idle.maxStallMs.toFixed(1)} ms over the same time idle.`,
  );
}
