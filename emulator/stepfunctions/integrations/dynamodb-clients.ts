import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { activeTraceHeader } from '../../core/trace';

/** The HTTP status and headers of the response an output came from (Step Functions reports them). */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
}

const RAW_RESPONSE = Symbol('rawResponse');

export function rawResponseOf(output: object): RawResponse | undefined {
  return (output as { [RAW_RESPONSE]?: RawResponse })[RAW_RESPONSE];
}

/**
 * SDK clients for the emulator's own DynamoDB, one per account and region. The access key id is the
 * account id, which is how the emulator tells accounts apart. The SDK's own retries are off: Retry
 * in the definition decides what happens after a failure, as on AWS.
 */
export class DynamoDbClients {
  private readonly clients = new Map<string, DynamoDBClient>();

  constructor(private readonly endpoint: () => string) {}

  get(accountId: string, region: string): DynamoDBClient {
    const key = `${accountId}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new DynamoDBClient({
        endpoint: this.endpoint(),
        region,
        credentials: { accessKeyId: accountId, secretAccessKey: 'stepfunctions' },
        maxAttempts: 1,
      });
      // Keeps the raw response on the output (not enumerable, so it never reaches the result).
      client.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          const response = result.response as { statusCode?: number; headers?: Record<string, string> };
          if (result.output && typeof result.output === 'object') {
            const raw: RawResponse = { statusCode: response.statusCode ?? 200, headers: response.headers ?? {} };
            Object.defineProperty(result.output, RAW_RESPONSE, { value: raw, enumerable: false });
          }
          return result;
        },
        { step: 'finalizeRequest', name: 'stepFunctionsRawResponse', priority: 'low' },
      );
      // The running execution's trace header, as the SDK in a Lambda handler sends `_X_AMZN_TRACE_ID`.
      client.middlewareStack.add(
        (next) => async (args) => {
          const header = activeTraceHeader.getStore();
          const request = args.request as { headers?: Record<string, string> };
          if (header && request.headers) request.headers['X-Amzn-Trace-Id'] = header;
          return next(args);
        },
        { step: 'build', name: 'stepFunctionsTraceHeader' },
      );
      this.clients.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
