import { randomUUID } from 'node:crypto';
import type { LambdaInvokeResult } from '../../core/hub';
import type { Json as JsonValue } from '../asl/jsonpath';
import { functionErrorFailure, lambdaServiceFailure, parsePayload } from './lambda-errors';
import type { LambdaFunctionIntegration, TaskContext } from './types';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

/**
 * A Task whose Resource is a Lambda function ARN: the state's input is the event, the function's
 * response payload is the result. The function is looked up in the account and region of its ARN.
 */
export function lambdaFunction(resource: string): LambdaFunctionIntegration | undefined {
  const match = FUNCTION_ARN.exec(resource);
  if (!match) return undefined;
  const [, region, accountId] = match;
  return {
    kind: 'lambda-function',
    functionArn: resource,
    async invoke(input: JsonValue, ctx: TaskContext): Promise<JsonValue> {
      const requestId = randomUUID();
      let result: LambdaInvokeResult;
      try {
        result = await ctx.hub.lambda.invoke(
          { accountId: accountId!, region: region!, requestId },
          resource,
          Buffer.from(JSON.stringify(input)),
          'RequestResponse',
          { source: 'stepfunctions' },
        );
      } catch (err) {
        throw lambdaServiceFailure(err, requestId);
      }
      if (result.functionError) throw functionErrorFailure(result);
      return parsePayload(result.payload) as JsonValue;
    },
  };
}
