import type { Hub } from '../core/hub';
import type { Persistence } from '.';

/**
 * After the journal has been replayed (resources, log events, stack records): the work that was
 * accepted and not finished resumes. PutEvents entries are routed again, asynchronous
 * invocations queued again with their request id and trace header. Returns what it resumed.
 */
export async function resumeWork(hub: Hub, persistence: Persistence): Promise<{ events: number; invocations: number }> {
  const events = hub.events.resumeDelivery?.(await persistence.pendingEvents()) ?? 0;
  const pending = await persistence.pendingInvocations();
  for (const invocation of pending) {
    // Its function is gone: nothing can run the invocation, as on AWS.
    if (!hub.lambda.resumeInvocation?.(invocation)) persistence.asyncDone(invocation.requestId);
  }
  return { events, invocations: pending.length };
}
