import { describeSession } from '../../auth/session-info';
import { publicHandler, type HandlerTable } from '../handler';

export const sessionHandlers = {
  'session:get': publicHandler(async (ctx) => (ctx.session ? describeSession(ctx.core, ctx.session) : null)),
} satisfies Partial<HandlerTable>;
