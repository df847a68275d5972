import type { LambdaFunction } from '../lambda/model';
import type { PoolInvocation, PoolOutcome } from '../lambda/runtime/environment-pool';

/**
 * A run of a function that a `function-error` or `function-timeout` rule fails, in the shape
 * the function's own failure would have: an unhandled error, or Lambda's `Sandbox.Timedout`
 * after the function's whole timeout. Callers (Invoke, asynchronous retries, EventBridge, Step
 * Functions) then treat it as they treat a real one.
 */
export async function injectedFailure(fn: LambdaFunction, call: PoolInvocation, fault: 'error' | 'timeout'): Promise<PoolOutcome> {
  if (fault === 'error') {
    const body = { errorType: 'Error', errorMessage: 'Simulated function error (testbed fault injection)', trace: [] };
    return { error: true, body: Buffer.from(JSON.stringify(body)), logLines: [] };
  }
  const seconds = fn.settings.timeout;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const body = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${call.requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds` };
  return { error: true, body: Buffer.from(JSON.stringify(body)), logLines: [] };
}
