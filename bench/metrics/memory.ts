import { runChild } from '../child/spawn';
import type { RunContext } from '../run-context';

const OPEN = 32;

/** rss_32_open_mb: a fresh process with 32 clinics open, each used once, through the core; raw without it. */
export async function measureMemory(ctx: RunContext, dataDir: string): Promise<void> {
  const product = await runChild<{ rssMb: number; open: number }>('memory.ts', [dataDir, String(OPEN)]);
  const raw = await runChild<{ rssMb: number; open: number }>('memory.ts', [dataDir, String(OPEN), 'raw']);
  if (product.open !== OPEN || raw.open !== OPEN) throw new Error(`expected ${OPEN} clinics open, had ${product.open} and ${raw.open}`);
  ctx.record('rss_32_open_mb', product.rssMb, { raw: raw.rssMb });
}
