import { clinicReader, type HandlerTable } from '../../api/handler';
import { listAudit } from './list-audit';

export const auditHandlers = {
  'audit:list': clinicReader('audit:read', (ctx, input) => listAudit(ctx, input)),
} satisfies Partial<HandlerTable>;
