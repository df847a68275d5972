import type { Hub } from '../core/hub';
import { internalContext } from '../core/request-context';
import type { Persistence } from '.';

/**
 * Brings a started emulator back to where it stopped: the journal replayed (resources, log
 * events, stack records), then the work that was accepted and not finished resumed: PutEvents
 * entries routed again, asynchronous invocations queued again. Returns what it did, for the log.
 */
export async function restoreState(hub: Hub, persistence: Persistence, endpoint: string, rawLogs: Hub['logs']): Promise<{ journaled: number; events: number; invocations: number }> {
  const journaled = await persistence.replay(hub, endpoint, rawLogs);
  const events = hub.events.resumeDelivery?.(await persistence.pendingEvents()) ?? 0;
  const pending = await persistence.pendingInvocations();
  for (const invocation of pending) {
    const [, , , region, accountId] = invocation.functionArn.split(':');
    try {
      await hub.lambda.invoke(internalContext(accountId, region), invocation.functionArn, Buffer.from(invocation.payload, 'base64'), 'Event', { source: invocation.source });
    } catch {
      // The function is gone: nothing can run the invocation, as on AWS.
    }
    persistence.asyncDone(invocation.requestId);
  }
  return { journaled, events, invocations: pending.length };
}
