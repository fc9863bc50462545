import { sql, type Kysely } from 'kysely';
import { reportSpecSchema, type Report, type ReportCsv, type ReportSpec, type SavedReport } from '../../../../preload/contract/channels/reports';
import type { ClinicHandlerContext } from '../../api/handler';
import { AppError } from '../../errors';
import { clinicWrite } from '../clinic-write';
import type { TenantDB } from '../schema';
import { toReportCsv } from './csv';
import { runReport } from './run-report';
import type { SavedReportRow } from './schema';

const ENTITY = 'saved_report';

/**
 * A stored spec is checked against today's schema before it runs: a report saved by an older
 * version whose parameters no longer fit is refused with a way out, not run half-understood.
 */
function storedSpec(row: SavedReportRow): ReportSpec | null {
  let stored: unknown;
  try {
    stored = JSON.parse(row.spec);
  } catch {
    return null;
  }
  const parsed = reportSpecSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function specOf(row: SavedReportRow): ReportSpec {
  const spec = storedSpec(row);
  if (!spec) throw new AppError('CONFLICT', `The saved report "${row.name}" no longer fits this version of the report; delete it and save it again.`);
  return spec;
}

const toSaved = (row: SavedReportRow): SavedReport => ({
  id: row.id,
  name: row.name,
  spec: storedSpec(row),
  createdAt: row.created_at,
  createdBy: row.created_by_name,
  updatedAt: row.updated_at,
});

async function findSaved(db: Kysely<TenantDB>, id: string): Promise<SavedReportRow> {
  const row = await db.selectFrom('saved_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That saved report was not found.');
  return row;
}

export async function saveReport(ctx: ClinicHandlerContext, input: { name: string; spec: ReportSpec }): Promise<SavedReport> {
  const id = crypto.randomUUID();
  await clinicWrite(ctx, async (w) => {
    const clash = await w.trx.selectFrom('saved_reports').select('id').where(sql<boolean>`name = ${input.name} collate nocase`).executeTakeFirst();
    if (clash) throw new AppError('CONFLICT', 'A saved report already has that name.', { name: 'Already in use.' });
    const stamp = w.now.toISOString();
    await w.trx
      .insertInto('saved_reports')
      .values({ id, name: input.name, spec: JSON.stringify(input.spec), created_at: stamp, created_by: w.actor.userId, created_by_name: w.actor.userName, updated_at: stamp })
      .execute();
    await w.audit({ action: 'create', entity: ENTITY, entityId: id, details: { name: input.name, spec: input.spec } });
  });
  return toSaved(await findSaved(ctx.clinic.tenant.db, id));
}

/** Alphabetical; a report that no longer fits is listed all the same (without a spec), so that it can be deleted. */
export async function listSavedReports(ctx: ClinicHandlerContext): Promise<SavedReport[]> {
  const rows = await ctx.clinic.tenant.db.selectFrom('saved_reports').selectAll().orderBy(sql`name collate nocase`).orderBy('id').execute();
  return rows.map(toSaved);
}

export async function runSavedReport(ctx: ClinicHandlerContext, id: string): Promise<Report> {
  return runReport(ctx, specOf(await findSaved(ctx.clinic.tenant.db, id)));
}

export async function exportSavedReport(ctx: ClinicHandlerContext, id: string): Promise<ReportCsv> {
  const spec = specOf(await findSaved(ctx.clinic.tenant.db, id));
  return toReportCsv(spec, await runReport(ctx, spec));
}

/** A saved report is a shortcut, not a record: deleting it removes it, and the audit trail keeps what it was. */
export async function deleteSavedReport(ctx: ClinicHandlerContext, id: string): Promise<SavedReport> {
  return clinicWrite(ctx, async (w) => {
    const row = await findSaved(w.trx, id);
    await w.trx.deleteFrom('saved_reports').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: ENTITY, entityId: id, details: { name: row.name, spec: row.spec } });
    return toSaved(row);
  });
}
