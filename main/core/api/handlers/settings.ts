import type { ClinicSettings } from '../../../../preload/contract/channels/settings';
import type { Core } from '../../core';
import { auditedMasterChange } from '../audited-change';
import { clinicControl, clinicReader, type HandlerTable } from '../handler';

async function readSettings(core: Core, clinicId: string): Promise<ClinicSettings> {
  const row = await core.master.selectFrom('clinics').select('idle_timeout_minutes').where('id', '=', clinicId).executeTakeFirstOrThrow();
  return { idleTimeoutMinutes: row.idle_timeout_minutes };
}

export const settingsHandlers = {
  'settings:get': clinicReader('settings:manage', async (ctx) => readSettings(ctx.core, ctx.clinic.id)),

  // the automatic sign-out is a security control: it can be tightened while read-only too
  'settings:update': clinicControl('settings:manage', async (ctx, input) => {
    const before = await readSettings(ctx.core, ctx.clinic.id);
    if (before.idleTimeoutMinutes === input.idleTimeoutMinutes) return before;
    await auditedMasterChange(ctx, async (master) => {
      await master.updateTable('clinics').set({ idle_timeout_minutes: input.idleTimeoutMinutes }).where('id', '=', ctx.clinic.id).execute();
      return {
        value: null,
        audit: { action: 'update', entity: 'settings', changes: { idle_timeout_minutes: [before.idleTimeoutMinutes, input.idleTimeoutMinutes] } },
      };
    });
    return { idleTimeoutMinutes: input.idleTimeoutMinutes };
  }),
} satisfies Partial<HandlerTable>;
