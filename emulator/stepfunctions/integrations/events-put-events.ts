import { randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error';
import type { PutEventsEntry, PutEventsResult } from '../../core/hub';
import type { Json as JsonValue } from '../asl/jsonpath';
import { RuntimeFailure, serviceErrorCause, TaskFailure } from '../task-failure';
import type { ServiceIntegration, TaskContext } from './types';

/**
 * `arn:aws:states:::events:putEvents`: puts the entries on the emulator's EventBridge. As on AWS, a
 * `Detail` given as a JSON object is serialised, and the state machine and execution ARNs are added to
 * each entry's `Resources`. The result is `{Entries, FailedEntryCount}`; any failed entry fails the
 * task with `EventBridge.FailedEntry` and the whole response as the cause.
 */
export const eventsPutEvents: ServiceIntegration = {
  kind: 'service',
  resourceType: 'events',
  resource: 'putEvents',
  async invoke(parameters: JsonValue, ctx: TaskContext): Promise<JsonValue> {
    const entries = (parameters as { Entries?: unknown } | null)?.Entries;
    if (!Array.isArray(entries)) throw new RuntimeFailure("The field 'Entries' of the events:putEvents parameters must be a list of entries.");
    const prepared: PutEventsEntry[] = entries.map((entry) => {
      const e = { ...(entry as Record<string, unknown>) };
      if (e.Detail !== null && typeof e.Detail === 'object' && !Array.isArray(e.Detail)) e.Detail = JSON.stringify(e.Detail);
      e.Resources = [...((e.Resources as string[] | undefined) ?? []), ctx.stateMachineArn, ctx.executionArn];
      return e as PutEventsEntry;
    });
    const requestId = randomUUID();
    let result: PutEventsResult;
    try {
      result = await ctx.hub.events.putEvents({ accountId: ctx.accountId, region: ctx.region, requestId }, prepared);
    } catch (err) {
      if (err instanceof AwsError) {
        throw new TaskFailure(`EventBridge.${err.code}`, serviceErrorCause(err.message, 'AmazonCloudWatchEvents', err.statusCode, err.code, requestId));
      }
      throw new TaskFailure('EventBridge.AmazonCloudWatchEventsException', err instanceof Error ? err.message : String(err));
    }
    const output = { Entries: result.Entries, FailedEntryCount: result.FailedEntryCount };
    if (result.FailedEntryCount > 0) throw new TaskFailure('EventBridge.FailedEntry', JSON.stringify(output));
    return output as JsonValue;
  },
};
