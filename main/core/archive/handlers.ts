import { clinicControl, sessionHandler, type HandlerTable } from '../api/handler';
import { isAllowed } from '../auth/permissions';
import { AppError } from '../errors';
import { loadStanding } from '../master/access';
import { beginArchive, completeArchive, listArchivedClinics, unarchiveClinic } from './archive-clinic';

export const archiveHandlers = {
  // allowed while read-only: archiving is what follows a cancelled subscription
  'archive:clinic': clinicControl('clinic:archive', async (ctx, input) => {
    if (input.confirmSlug !== ctx.clinic.slug) {
      throw new AppError('VALIDATION', 'Type the clinic code to confirm.', { confirmSlug: `Type ${ctx.clinic.slug} to confirm.` });
    }
    const archived = await beginArchive(ctx.core, ctx.clinic.id, ctx.session.userId);
    // This call holds the clinic's database open until it returns; the move waits for every
    // holder, so it runs on after the answer. If it cannot finish (another program has the
    // file open), the clinic stays archived and the move is finished at the next start.
    void completeArchive(ctx.core, ctx.clinic.id).catch(() => undefined);
    return archived;
  }),

  'archive:list': sessionHandler(async (ctx) => {
    const memberships = await ctx.core.master
      .selectFrom('memberships')
      .select(['clinic_id', 'role'])
      .where('user_id', '=', ctx.session.userId)
      .where('disabled', '=', 0)
      .execute();
    return listArchivedClinics(
      ctx.core,
      memberships.filter((m) => isAllowed(m.role, 'clinic:archive')).map((m) => m.clinic_id),
    );
  }),

  'archive:unarchive': sessionHandler(async (ctx, input) => {
    const standing = await loadStanding(ctx.core.master, ctx.session.userId, input.clinicId);
    if (!standing || standing.userDisabled || standing.membershipDisabled || !isAllowed(standing.role, 'clinic:archive')) {
      throw new AppError('NOT_FOUND', 'No archived clinic of yours has that id.');
    }
    await unarchiveClinic(ctx.core, input.clinicId, ctx.session.userId);
    return null;
  }),
} satisfies Partial<HandlerTable>;
