import type { Faker } from '@faker-js/faker';
import path from 'node:path';
import type { Core } from '../../main/core/core';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import type { BenchClient } from '../client';
import { compareWithBaselines, type Comparison } from '../compare';
import { peopleSource } from '../data/people';
import type { RunContext } from '../run-context';
import { median } from '../stats';

const ratio = (c: Comparison) => ({ value: median(c.product) / median(c.raw), naive: median(c.naive) / median(c.raw) });

/**
 * read_overhead_ratio: what the screens do — the next page of 50 patients, then one patient's
 * record with their appointments and payments (patients:record) — through the dispatcher versus
 * the same SQL raw.
 * Opening a record is audited, so that screen includes a synced write, on both sides.
 */
export async function measureReads(ctx: RunContext, core: Core, clinic: ClinicRef, client: BenchClient, withVisits: readonly string[], faker: Faker): Promise<void> {
  let cursor: string | null = null;
  const page = async () => {
    const result = await client.call('patients:list', { sort: 'name', pageSize: 50, cursor });
    cursor = result.nextCursor;
  };
  // the record screen's one call: the patient with their appointments and payments
  const record = (id: string) => client.call('patients:record', { id, pageSize: 50 });
  const ids = Array.from({ length: ctx.sizes.screens }, () => faker.helpers.arrayElement(withVisits));
  const common = { core, clinic, warmup: 10, scratchFile: path.join(ctx.dir, 'screens-scratch.sqlite3') };
  const pages = await compareWithBaselines({ ...common, inputs: ids, call: page, writes: false, naiveInputs: ids.slice(0, 50) });
  const screens = await compareWithBaselines({
    ...common,
    inputs: ids,
    call: async (id) => {
      await page();
      await record(id);
    },
    writes: true,
    naiveInputs: ids.slice(0, 50),
  });
  const { value, naive } = ratio(screens);
  ctx.record('read_overhead_ratio', value, { naive });
  ctx.note(
    `read_overhead_ratio: page + record median ${median(screens.product).toFixed(2)} ms vs ${median(screens.raw).toFixed(2)} ms raw (naive ${median(screens.naive).toFixed(2)} ms); ` +
      `the page of 50 alone ${median(pages.product).toFixed(3)} vs ${median(pages.raw).toFixed(3)} ms raw (x${ratio(pages).value.toFixed(2)}).`,
  );
}

/** create_patient_ratio: patients:create (validation, duplicate check, MRN, rank, index, audit) versus the same statements raw. */
export async function measureCreates(ctx: RunContext, core: Core, clinic: ClinicRef, client: BenchClient, faker: Faker): Promise<void> {
  const people = peopleSource(faker);
  const inputs = Array.from({ length: ctx.sizes.creates + 50 }, () => people.next());
  const result = await compareWithBaselines({
    core,
    clinic,
    inputs: inputs.slice(0, ctx.sizes.creates),
    call: (fields) => client.call('patients:create', { ...fields, confirmDuplicate: true }),
    writes: true,
    naiveInputs: inputs.slice(ctx.sizes.creates),
    warmup: 10,
    scratchFile: path.join(ctx.dir, 'create-scratch.sqlite3'),
  });
  const { value, naive } = ratio(result);
  ctx.record('create_patient_ratio', value, { naive });
  ctx.note(`create_patient_ratio: median ${median(result.product).toFixed(2)} ms through the handler vs ${median(result.raw).toFixed(2)} ms raw (naive ${median(result.naive).toFixed(2)} ms).`);
}
