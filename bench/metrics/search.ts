import type { Faker } from '@faker-js/faker';
import path from 'node:path';
import type { Core } from '../../main/core/core';
import type { ClinicRef } from '../../main/core/tenancy/identity';
import type { BenchClient } from '../client';
import { compareWithBaselines } from '../compare';
import type { KnownPatient } from '../data/bulk-patients';
import type { RunContext } from '../run-context';
import { percentile } from '../stats';

const middle = (s: string, n: number): string => {
  const from = Math.max(0, Math.floor((s.length - n) / 2));
  return s.slice(from, from + n);
};

/**
 * What the front desk types, three characters or more: parts of names, phones and MRNs, the
 * prefix every patient's phone shares, and text that matches no one. Each kind weighs the same.
 */
function searchQueries(known: readonly KnownPatient[], faker: Faker, perKind: number): { kind: string; q: string }[] {
  const some = <T>(make: (p: KnownPatient) => T): T[] => faker.helpers.arrayElements(known, perKind).map(make);
  const digits = (p: KnownPatient) => p.phone.replace(/\D/g, '');
  const kinds: Record<string, string[]> = {
    'shared phone prefix': ['555', '+1 555', '1555', '555 '],
    'phone digits (4-7)': some((p) => digits(p).slice(-7).slice(0, faker.number.int({ min: 4, max: 7 }))),
    'whole phone': some((p) => p.phone),
    'last-name prefix (3-5)': some((p) => p.lastName.slice(0, faker.number.int({ min: 3, max: 5 }))),
    'first-name prefix (3)': some((p) => p.firstName.slice(0, 3)),
    'full name "last f"': some((p) => `${p.lastName} ${p.firstName[0]}`),
    'name substring (3-4)': some((p) => middle(p.lastName, faker.number.int({ min: 3, max: 4 }))),
    'common substrings': ['ann', 'son', 'mar', 'ell', 'ing', 'ber', 'ric', 'lee'],
    'whole MRN': some((p) => p.mrn),
    'MRN part (4)': some((p) => p.mrn.slice(2, 6)),
    'matches nothing': ['zzqx', 'qxj', 'xqzv', '98765432109', 'quxzyw', 'jjjj'],
  };
  return Object.entries(kinds).flatMap(([kind, qs]) => Array.from({ length: perKind }, (_, i) => ({ kind, q: qs[i % qs.length]! })));
}

/** search_1m_p95_ms: patients:search through the dispatcher, first page of 50, over the query mix. */
export async function measureSearch(ctx: RunContext, core: Core, clinic: ClinicRef, client: BenchClient, known: readonly KnownPatient[], faker: Faker): Promise<void> {
  const queries = searchQueries(known, faker, 40);
  const rounds = Array.from({ length: ctx.sizes.searchRounds }, () => faker.helpers.shuffle(queries)).flat();
  const warmup = 20;
  const result = await compareWithBaselines({
    core,
    clinic,
    inputs: rounds,
    call: (query) => client.call('patients:search', { q: query.q, pageSize: 50 }),
    writes: false,
    naiveInputs: faker.helpers.arrayElements(queries, 100),
    warmup,
    scratchFile: path.join(ctx.dir, 'search-scratch.sqlite3'),
  });
  ctx.record('search_1m_p95_ms', percentile(result.product, 95), { raw: percentile(result.raw, 95), naive: percentile(result.naive, 95) });
  const byKind = new Map<string, number[]>();
  rounds.slice(warmup).forEach((query, i) => byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), result.product[i]!]));
  const worst = [...byKind].map(([kind, times]) => [kind, percentile(times, 95)] as const).sort((a, b) => b[1] - a[1]);
  ctx.note(
    `search_1m_p95_ms: ${result.product.length} searches over ${ctx.sizes.patients} patients, median ${percentile(result.product, 50).toFixed(2)} ms; ` +
      `slowest kinds by p95: ${worst.slice(0, 3).map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ')}.`,
  );
}
