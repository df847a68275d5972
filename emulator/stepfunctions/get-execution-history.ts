import type { RequestContext } from '../core/request-context';
import { historyEventToWire } from './history';
import { findExecution } from './lookup';
import { boolean, required, string, type InputOf } from '../protocol/validation';
import { MAX_RESULTS, nextToken, pageOf } from './shapes';
import type { StepFunctionsBackend } from './store';

export const GetExecutionHistoryInput = {
  executionArn: required(string()),
  maxResults: MAX_RESULTS,
  reverseOrder: boolean(),
  nextToken: nextToken(3096),
  includeExecutionData: boolean(),
};

/** GetExecutionHistory: oldest first unless `reverseOrder`, paged, inputs and outputs unless `includeExecutionData: false`. */
export function getExecutionHistory(backend: StepFunctionsBackend, input: InputOf<typeof GetExecutionHistoryInput>, ctx: RequestContext) {
  const execution = findExecution(backend, ctx, input.executionArn);
  const events = input.reverseOrder === true ? [...execution.history.events].reverse() : [...execution.history.events];
  const { page, nextToken } = pageOf(events, (e) => String(e.id), input);
  const includeData = input.includeExecutionData !== false;
  return { events: page.map((e) => historyEventToWire(e, includeData)), ...(nextToken ? { nextToken } : {}) };
}
