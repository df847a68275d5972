import type { Hub, LogEventInput, LogsInternal } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { frontDoorLimit } from '../protocol/http';
import { jsonCeiling, jsonService } from '../protocol/json';
import { addGroup } from './log-groups';
import { logsOperations } from './operations';
import { appendEvents } from './put-log-events';
import { LOGS_DIALECT } from './shapes';
import { createStore, stateOf } from './store';

/**
 * CloudWatch Logs over JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`), with state per
 * account and region, plus the in-process entry points EventBridge delivery and the Lambda
 * runtime write through.
 */
export function createLogsService(_hub: Hub): LogsInternal {
  const store = createStore();
  return {
    healthName: 'logs',
    // A PutLogEvents batch holds at most 1 MiB of messages.
    json: jsonService('Logs_20140328', logsOperations, store, LOGS_DIALECT, frontDoorLimit(jsonCeiling(1024 * 1024))),
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
