import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ClinicRef } from './identity';

/** Kept in the data folder beside master; a cache only: deleting it costs time, never correctness. */
export const VERIFIED_FILES_NAME = 'verified-clinic-files.json';

/**
 * A change to a file younger than this may share its timestamps with the check that saw the
 * file before the change (file times tick coarsely), so such a check is not remembered.
 */
const RACY_NS = 2_000_000_000n;

const storedSchema = z.strictObject({
  format: z.literal(1),
  /** Distinct applied-migration lists; most clinics share one. */
  lists: z.array(z.array(z.string())),
  /** clinic id → [slug, fingerprint, index into lists] */
  clinics: z.record(z.string(), z.tuple([z.string(), z.string(), z.number().int().min(0)])),
});
type Stored = z.infer<typeof storedSchema>;

/**
 * Everything about a file that a write, a copy over it, a rename onto its name or a chmod
 * changes: device, inode, size, modification and change times in nanoseconds. The change time
 * cannot be set by any program, so an unchanged fingerprint means unchanged contents. Null
 * when the file is not a regular file, or when its write-ahead log holds changes the main file
 * does not show yet (the clinic is open somewhere).
 */
function fingerprint(file: string): { key: string; ctimeNs: bigint } | null {
  const stat = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  const wal = lstatSync(`${file}-wal`, { bigint: true, throwIfNoEntry: false });
  if (wal && wal.size > 0n) return null;
  return { key: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`, ctimeNs: stat.ctimeNs };
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/**
 * What the admin commands last proved about each clinic file — that it is that clinic's, and
 * which migrations it had — remembered with the file's fingerprint. Opening a file to prove
 * that costs about half a millisecond here, so listing or migrate-checking ten thousand clinics
 * took seconds; a file whose fingerprint has not changed since it was proven is not opened
 * again. Serving a clinic never relies on this: openTenant checks every file it opens.
 */
export class VerifiedFiles {
  readonly #file: string;
  readonly #lists: string[][];
  readonly #listIndex = new Map<string, number>();
  readonly #clinics: Map<string, [slug: string, fingerprint: string, list: number]>;
  #dirty = false;

  private constructor(file: string, stored: Stored) {
    this.#file = file;
    this.#lists = stored.lists;
    stored.lists.forEach((list, i) => this.#listIndex.set(list.join('\n'), i));
    this.#clinics = new Map(Object.entries(stored.clinics));
  }

  /** The data folder's record; an unreadable or foreign one is ignored (and replaced on save). */
  static load(dataRoot: string): VerifiedFiles {
    const file = path.join(dataRoot, VERIFIED_FILES_NAME);
    let stored: Stored = { format: 1, lists: [], clinics: {} };
    try {
      const parsed = storedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success && Object.values(parsed.data.clinics).every(([, , i]) => i < parsed.data.lists.length)) stored = parsed.data;
    } catch {
      // missing or unreadable: start empty
    }
    return new VerifiedFiles(file, stored);
  }

  /** The migrations `file` had when it was proven to be `clinic`'s, if it has not changed since; else null. */
  applied(clinic: ClinicRef, file: string): string[] | null {
    const entry = this.#clinics.get(clinic.id);
    if (!entry || entry[0] !== clinic.slug) return null;
    const now = fingerprint(file);
    return now && now.key === entry[1] ? (this.#lists[entry[2]] ?? null) : null;
  }

  /**
   * Records that `file` was just proven to be `clinic`'s with `applied` migrations, and closed
   * again. `before` is its fingerprint from before it was opened (fingerprintBefore): if the
   * file changed meanwhile, or too recently to be told apart from the check, the clinic is
   * forgotten instead.
   */
  remember(clinic: ClinicRef, file: string, applied: string[], before: string | null): void {
    const now = fingerprint(file);
    if (!now || before === null || now.key !== before || nowNs() - now.ctimeNs < RACY_NS) {
      if (this.#clinics.delete(clinic.id)) this.#dirty = true;
      return;
    }
    const listKey = applied.join('\n');
    let index = this.#listIndex.get(listKey);
    if (index === undefined) {
      index = this.#lists.push([...applied]) - 1;
      this.#listIndex.set(listKey, index);
    }
    this.#clinics.set(clinic.id, [clinic.slug, now.key, index]);
    this.#dirty = true;
  }

  /** Written whole under a temporary name and renamed, so a reader never sees half of it. */
  save(): void {
    if (!this.#dirty) return;
    const used = [...new Set([...this.#clinics.values()].map(([, , i]) => i))];
    const renumber = new Map(used.map((old, i) => [old, i]));
    const stored: Stored = {
      format: 1,
      lists: used.map((i) => this.#lists[i]!),
      clinics: Object.fromEntries([...this.#clinics].map(([id, [slug, key, i]]) => [id, [slug, key, renumber.get(i)!]])),
    };
    const temp = `${this.#file}.${process.pid}.partial`;
    try {
      writeFileSync(temp, JSON.stringify(stored), { mode: 0o600 });
      renameSync(temp, this.#file);
      this.#dirty = false;
    } catch {
      // a cache that cannot be written only makes the next run slower
      rmSync(temp, { force: true });
    }
  }
}

/** Taken before a file is opened to be checked, and handed to remember() afterwards. */
export const fingerprintBefore = (file: string): string | null => fingerprint(file)?.key ?? null;
