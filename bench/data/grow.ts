import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { writeAudit } from '../../main/core/clinic/audit';
import type { TenantDB } from '../../main/core/clinic/schema';
import { kyselyOver } from '../../main/core/db/kysely-sqlite';
import { openSqlite } from '../../main/core/db/sqlite';

const BATCH = 20_000;

/**
 * Grows a closed clinic file to at least `bytes` the way a clinic's file grows over the years
 * besides its patients: audit entries, each written by the product's writeAudit. Returns the
 * entries added.
 */
export async function growWithAudit(file: string, bytes: number, now: Date): Promise<number> {
  if (statSync(file).size >= bytes) return 0;
  const sqlite = openSqlite(file);
  sqlite.pragma('synchronous = OFF');
  const db = kyselyOver<TenantDB>(sqlite);
  const actor = { userId: '00000000-0000-4000-8000-000000000000', userName: 'Front Desk' };
  let added = 0;
  try {
    while (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) < bytes) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < BATCH; i++, added++) {
          await writeAudit(trx, actor, { action: 'view', entity: 'patient', entityId: randomUUID(), details: { screen: 'record', note: 'x'.repeat(200) } }, now);
        }
      });
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
  } finally {
    sqlite.pragma('synchronous = FULL');
    await db.destroy();
  }
  return added;
}
