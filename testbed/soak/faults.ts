/**
 * The soak's default faults, set again after every start (fault rules are not part of the
 * state a restart keeps): 5% PutEvents throttling or InternalFailure, 10% API destination 503 or
 * 429, 5% ProcessedOrder errors, 2% DynamoDB ProvisionedThroughputExceededException.
 */
export const DEFAULT_SERVICE_FAULTS = [
  { service: 'events', operation: 'PutEvents', probability: 0.025, error: { statusCode: 400, code: 'ThrottlingException' } },
  { service: 'events', operation: 'PutEvents', probability: 0.025, error: { statusCode: 500, code: 'InternalFailure' } },
  { service: 'dynamodb', operation: 'UpdateItem', probability: 0.02, error: { statusCode: 400, code: 'ProvisionedThroughputExceededException' } },
];

export const DEFAULT_TESTBED_FAULTS = [
  { fault: 'endpoint-status', resource: 'OrdersConsumerDestination', statusCode: 503, probability: 0.05 },
  { fault: 'endpoint-status', resource: 'OrdersConsumerDestination', statusCode: 429, retryAfter: '1', probability: 0.05 },
  { fault: 'function-error', resource: 'ProcessedOrder', probability: 0.05 },
];

export async function applyFaults(endpoint: string): Promise<void> {
  for (const [path, rules] of [
    ['/_localstack/chaos/faults', DEFAULT_SERVICE_FAULTS],
    ['/_testbed/chaos/faults', DEFAULT_TESTBED_FAULTS],
  ] as const) {
    const res = await fetch(endpoint + path, { method: 'POST', body: JSON.stringify(rules) });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  }
}

export async function clearFaults(endpoint: string): Promise<void> {
  for (const path of ['/_localstack/chaos/faults', '/_testbed/chaos/faults']) await fetch(endpoint + path, { method: 'POST', body: '[]' });
}
