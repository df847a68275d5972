import type { Hub } from '../core/hub';
import { internalContext } from '../core/request-context';
import type { Persistence } from '.';

/**
 * After the journal has been replayed (resources, log events, stack records): the work that was
 * accepted and not finished resumes. PutEvents entries are routed again, asynchronous
 * invocations queued again. Returns what it resumed.
 */
export async function resumeWork(hub: Hub, persistence: Persistence): Promise<{ events: number; invocations: number }> {
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
  return { events, invocations: pending.length };
}
