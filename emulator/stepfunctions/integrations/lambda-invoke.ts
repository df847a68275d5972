import { randomBytes, randomUUID } from 'node:crypto';
import type { InvocationType, LambdaInvokeResult } from '../../core/hub';
import type { Json as JsonValue } from '../asl/jsonpath';
import { RuntimeFailure } from '../task-failure';
import { functionErrorFailure, lambdaServiceFailure, parsePayload } from './lambda-errors';
import { sdkResponseMetadata } from './sdk-http-metadata';
import type { ServiceIntegration, TaskContext } from './types';

const INVOCATION_TYPES: InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

/**
 * `arn:aws:states:::lambda:invoke`: calls the emulator's Lambda with the Invoke API's parameters and
 * returns Invoke's response as Step Functions shapes it (`ExecutedVersion`, `Payload`,
 * `SdkHttpMetadata`, `SdkResponseMetadata`, `StatusCode`).
 */
export const lambdaInvoke: ServiceIntegration = {
  kind: 'service',
  resourceType: 'lambda',
  resource: 'invoke',
  async invoke(parameters: JsonValue, ctx: TaskContext): Promise<JsonValue> {
    const params = (parameters ?? {}) as Record<string, unknown>;
    const functionName = params.FunctionName;
    if (typeof functionName !== 'string' || functionName.length === 0) {
      throw new RuntimeFailure("The field 'FunctionName' of the lambda:invoke parameters must be a function name or ARN.");
    }
    const invocationType = (params.InvocationType ?? 'RequestResponse') as InvocationType;
    if (!INVOCATION_TYPES.includes(invocationType)) {
      throw new RuntimeFailure(`The field 'InvocationType' must be one of ${INVOCATION_TYPES.join(', ')}, got '${String(invocationType)}'.`);
    }
    const qualifier = typeof params.Qualifier === 'string' ? params.Qualifier : undefined;
    const target = qualifier && !hasQualifier(functionName) ? `${functionName}:${qualifier}` : functionName;
    const requestId = randomUUID();

    let result: LambdaInvokeResult;
    try {
      result = await ctx.hub.lambda.invoke(
        { accountId: ctx.accountId, region: ctx.region, requestId },
        target,
        Buffer.from(payloadText(params.Payload)),
        invocationType,
        { logType: params.LogType === 'Tail' ? 'Tail' : 'None', source: 'stepfunctions' },
      );
    } catch (err) {
      throw lambdaServiceFailure(err, requestId);
    }
    if (result.functionError) throw functionErrorFailure(result);

    const synchronous = invocationType === 'RequestResponse';
    const body = result.payload;
    const headers: Record<string, string> = {
      Connection: 'keep-alive',
      'Content-Length': String(body.length),
      'Content-Type': 'application/json',
      Date: new Date().toUTCString(),
      ...(synchronous ? { 'X-Amz-Executed-Version': result.executedVersion } : {}),
      'x-amzn-Remapped-Content-Length': '0',
      'x-amzn-RequestId': requestId,
      // Lambda answers a synchronous invocation with the X-Ray trace it ran under.
      ...(synchronous ? { 'X-Amzn-Trace-Id': traceHeader() } : {}),
    };
    return {
      ...(synchronous ? { ExecutedVersion: result.executedVersion } : {}),
      ...(result.logResult ? { LogResult: result.logResult } : {}),
      Payload: synchronous ? (parsePayload(body) as JsonValue) : '',
      ...sdkResponseMetadata(result.statusCode, headers, requestId),
      StatusCode: result.statusCode,
    };
  },
};

/** An X-Ray trace header as Lambda returns it: `root=1-<epoch seconds, hex>-<96 random bits>;sampled=0`. */
function traceHeader(): string {
  return `root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};sampled=0`;
}

function hasQualifier(functionName: string): boolean {
  // name, name:qualifier, account:function:name[:q], arn:aws:lambda:region:account:function:name[:q]
  const parts = functionName.split(':');
  if (functionName.startsWith('arn:')) return parts.length > 7;
  if (parts.length >= 3 && parts[1] === 'function') return parts.length > 3;
  return parts.length > 1;
}

/** The Payload parameter as bytes, as Step Functions sends it: JSON text as-is, any other value serialised. */
function payloadText(payload: unknown): string {
  if (payload === undefined || payload === null) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return JSON.stringify(payload);
}
