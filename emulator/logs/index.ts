import type { Hub, LogEventInput, LogsInternal } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { filterLogEventsOperation } from './filter-log-events';
import { getLogEventsOperation } from './get-log-events';
import { addGroup, logGroupOperations } from './log-groups';
import { logStreamOperations } from './log-streams';
import { appendEvents, putLogEventsOperation } from './put-log-events';
import { resourcePolicyOperations } from './resource-policies';
import { createStore, stateOf } from './store';
import { tagOperations } from './tags';

/**
 * CloudWatch Logs over JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`), with state per
 * account and region, plus the in-process entry points EventBridge delivery and the Lambda
 * runtime write through.
 */
export function createLogsService(_hub: Hub): LogsInternal {
  const store = createStore();
  return {
    healthName: 'logs',
    json: {
      targetPrefix: 'Logs_20140328',
      operations: {
        ...logGroupOperations(store),
        ...logStreamOperations(store),
        ...putLogEventsOperation(store),
        ...getLogEventsOperation(store),
        ...filterLogEventsOperation(store),
        ...resourcePolicyOperations(store),
        ...tagOperations(store),
      },
    },
    appendEvents(ctx: RequestContext, group: string, stream: string, events: LogEventInput[]): void {
      appendEvents(stateOf(store, ctx), group, stream, events);
    },
    ensureLogGroup(ctx: RequestContext, group: string): void {
      const state = stateOf(store, ctx);
      if (!state.groups.has(group)) addGroup(state, group);
    },
    hasLogGroup(ctx: RequestContext, group: string): boolean {
      return stateOf(store, ctx).groups.has(group);
    },
  };
}
