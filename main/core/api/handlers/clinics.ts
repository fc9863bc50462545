import { describeSession } from '../../auth/session-info';
import { writeAudit } from '../../clinic/audit';
import { AppError } from '../../errors';
import { listWorkableClinics } from '../../master/access';
import { auditActor, sessionHandler, type HandlerTable } from '../handler';

export const clinicsHandlers = {
  'clinics:listMine': sessionHandler(async (ctx) => listWorkableClinics(ctx.core.master, ctx.session.userId)),

  'clinics:switch': sessionHandler(async (ctx, input) => {
    const { core, session } = ctx;
    const target = (await listWorkableClinics(core.master, session.userId)).find((c) => c.id === input.clinicId);
    if (!target) throw new AppError('FORBIDDEN', 'You do not have access to that clinic.');
    // recorded before the switch takes effect: a clinic whose file cannot be opened is not entered
    await core.tenants.use(target, (tenant) =>
      writeAudit(tenant.db, auditActor(session), { action: 'switch', entity: 'session', entityId: session.userId }, core.clock()),
    );
    session.activeClinicId = target.id;
    await core.master.updateTable('users').set({ last_clinic_id: target.id }).where('id', '=', session.userId).execute();
    return describeSession(core, session);
  }),
} satisfies Partial<HandlerTable>;
