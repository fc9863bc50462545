import { runChild } from '../child/spawn';
import type { RunContext } from '../run-context';
import { median } from '../stats';

async function starts(dataDir: string, count: number, variant: 'product' | 'raw'): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await runChild<{ ms: number }>('startup.ts', [dataDir, ...(variant === 'raw' ? ['raw'] : [])])).ms);
  return times;
}

/**
 * startup_ms: median of fresh processes starting the core over the chain's folder; the same
 * over a folder with a single clinic shows whether start-up grows with the clinic count.
 */
export async function measureStartup(ctx: RunContext, chainDir: string, oneClinicDir: string, clinics: number): Promise<void> {
  const chain = await starts(chainDir, ctx.sizes.startups, 'product');
  const raw = await starts(chainDir, ctx.sizes.startups, 'raw');
  const single = await starts(oneClinicDir, ctx.sizes.startups, 'product');
  ctx.record('startup_ms', median(chain), { raw: median(raw) });
  ctx.note(`startup_ms: ${median(chain).toFixed(1)} ms with ${clinics} clinics, ${median(single).toFixed(1)} ms with one (median of ${ctx.sizes.startups} fresh processes each).`);
}
