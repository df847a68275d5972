import type { RequestContext } from '../core/request-context';
import { historyEventToWire } from './history';
import { findExecution } from './lookup';
import { pageSize, paginate } from './pagination';
import { requireString } from './request';
import type { StepFunctionsBackend } from './store';

/** GetExecutionHistory: oldest first unless `reverseOrder`, paged, inputs and outputs unless `includeExecutionData: false`. */
export function getExecutionHistory(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const execution = findExecution(backend, ctx, requireString(input, 'executionArn'));
  const size = pageSize(input, 3096);
  const events = input.reverseOrder === true ? [...execution.history.events].reverse() : [...execution.history.events];
  const { page, nextToken } = paginate(events, (e) => String(e.id), size, input.nextToken);
  const includeData = input.includeExecutionData !== false;
  return { events: page.map((e) => historyEventToWire(e, includeData)), ...(nextToken ? { nextToken } : {}) };
}
