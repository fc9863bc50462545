import type { Migration } from '../db/migrator';
import type { ClinicRef } from './identity';
import { openTenant, type TenantHandle } from './open-tenant';

export const DEFAULT_CACHE_SIZE = 32;

interface Entry {
  handle: TenantHandle;
  leases: number;
  lastUsed: number;
}

export interface TenantPoolOptions {
  tenantsDir: string;
  /** Open handles kept; each holds about three descriptors, and a desktop app may have 256. */
  capacity?: number;
  migrations?: readonly Migration[];
}

/**
 * Open clinic databases, least recently used first out. A handle in use is never closed under
 * its caller: eviction skips it and the pool shrinks back when it is released.
 */
export class TenantPool {
  readonly capacity: number;
  readonly #tenantsDir: string;
  readonly #migrations: readonly Migration[] | undefined;
  readonly #open = new Map<string, Entry>();
  readonly #opening = new Map<string, Promise<void>>();
  #tick = 0;

  constructor(options: TenantPoolOptions) {
    this.capacity = Math.max(1, options.capacity ?? DEFAULT_CACHE_SIZE);
    this.#tenantsDir = options.tenantsDir;
    this.#migrations = options.migrations;
  }

  get size(): number {
    return this.#open.size;
  }

  isOpen(clinicId: string): boolean {
    return this.#open.has(clinicId);
  }

  /** Runs `fn` with the clinic's open handle, which stays open until `fn` settles. */
  async use<T>(clinic: ClinicRef, fn: (handle: TenantHandle) => Promise<T> | T): Promise<T> {
    const entry = await this.#acquire(clinic);
    try {
      // shrinking only after our lease is taken, so the entry just opened is never the victim
      if (this.#open.size > this.capacity) await this.#shrink();
      return await fn(entry.handle);
    } finally {
      entry.leases -= 1;
      if (this.#open.size > this.capacity) await this.#shrink();
    }
  }

  /**
   * The lease is taken in the same synchronous step that finds the entry open, so no eviction
   * can close it between the two.
   */
  async #acquire(clinic: ClinicRef): Promise<Entry> {
    for (;;) {
      const entry = this.#open.get(clinic.id);
      if (entry && entry.handle.slug === clinic.slug) {
        entry.leases += 1;
        entry.lastUsed = ++this.#tick;
        return entry;
      }
      if (entry) {
        await this.close(clinic.id);
        continue;
      }
      let pending = this.#opening.get(clinic.id);
      if (!pending) {
        pending = this.#load(clinic).finally(() => this.#opening.delete(clinic.id));
        this.#opening.set(clinic.id, pending);
      }
      await pending;
    }
  }

  async #load(clinic: ClinicRef): Promise<void> {
    const handle = await openTenant(this.#tenantsDir, clinic, this.#migrations);
    this.#open.set(clinic.id, { handle, leases: 0, lastUsed: ++this.#tick });
  }

  async #shrink(): Promise<void> {
    while (this.#open.size > this.capacity) {
      let victim: [string, Entry] | undefined;
      for (const item of this.#open) {
        if (item[1].leases > 0) continue;
        if (!victim || item[1].lastUsed < victim[1].lastUsed) victim = item;
      }
      if (!victim) return;
      this.#open.delete(victim[0]);
      await victim[1].handle.db.destroy();
    }
  }

  /**
   * Closes one clinic's handle (for restore, archive, moving its file). Callers holding it
   * finish first: their leases are waited for.
   */
  async close(clinicId: string): Promise<void> {
    const pending = this.#opening.get(clinicId);
    if (pending) await pending.catch(() => undefined);
    const entry = this.#open.get(clinicId);
    if (!entry) return;
    this.#open.delete(clinicId);
    while (entry.leases > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await entry.handle.db.destroy();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#opening.values()].map((p) => p.catch(() => undefined)));
    const entries = [...this.#open.keys()];
    await Promise.all(entries.map((id) => this.close(id)));
  }
}
