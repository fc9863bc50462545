import type { ProgressEvent } from '../../../preload/contract/events';
import type { BaseContext } from '../api/handler';
import type { OnProgress } from './progress';

/**
 * Progress as events to the window that started the operation: at most one per whole percent,
 * so a long copy does not flood the bridge, and always the last one.
 */
export function progressEvents(ctx: BaseContext, operation: ProgressEvent['operation'], runId: string): OnProgress {
  let lastPercent = -1;
  return ({ done, total, label }) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (percent === lastPercent && done < total) return;
    lastPercent = percent;
    ctx.emit('progress', { operation, runId, done, total, ...(label && { label }) });
  };
}
