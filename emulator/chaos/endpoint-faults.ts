import type { Hub } from '../core/hub';

/** EventBridge gives an API destination's endpoint 5 seconds to answer. */
const ENDPOINT_TIMEOUT_MS = 5000;

/**
 * What an API destination's endpoint does under an `endpoint-status`, `endpoint-hang` or
 * `connection-drop` rule, in place of the real request: an answer with the rule's status (and
 * `Retry-After`), or the same failure a real request meets when the endpoint does not answer
 * within 5 seconds (on the emulator's clock) or closes the connection. Undefined when no rule
 * applies and the request should go out.
 */
export function injectedEndpointReply(
  hub: Hub,
  destinationName: string,
  region: string,
  signal: AbortSignal,
): Promise<{ status: number; retryAfter?: string; body: string }> | undefined {
  const fault = hub.chaos?.endpointFault(destinationName, region);
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'status':
      return Promise.resolve({ status: fault.statusCode, retryAfter: fault.retryAfter, body: `{"message":"simulated ${fault.statusCode} (testbed fault injection)"}` });
    case 'drop':
      return Promise.reject(new Error('socket hang up (connection dropped by testbed fault injection)'));
    case 'hang':
      return hub.clock.sleep(ENDPOINT_TIMEOUT_MS, signal).then(() => {
        throw new Error(`no response within ${ENDPOINT_TIMEOUT_MS / 1000} seconds`);
      });
  }
}
