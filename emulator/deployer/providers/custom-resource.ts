import { randomUUID } from 'node:crypto';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { DeployedResource, ProviderContext, ResourceProvider, ResourceState } from './provider';

/** CloudFormation refuses a custom resource response larger than this. */
const MAX_RESPONSE_BYTES = 4096;

type RequestType = 'Create' | 'Update' | 'Delete';

interface CustomResourceResponse {
  Status?: string;
  Reason?: string;
  PhysicalResourceId?: string;
  StackId?: string;
  RequestId?: string;
  LogicalResourceId?: string;
  Data?: Record<string, unknown>;
  NoEcho?: boolean;
}

/** CloudFormation hands custom resources every scalar property as a string. */
export function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

/** The Lambda function a ServiceToken names; SNS-backed custom resources are not supported. */
function serviceFunction(properties: Record<string, unknown>): string {
  const token = properties.ServiceToken;
  if (typeof token !== 'string' || token === '') throw new Error('a custom resource needs a ServiceToken');
  if (!/^arn:aws[a-z-]*:lambda:/.test(token)) {
    throw new Error(`its ServiceToken ${token} is not a Lambda function ARN; the embedded deployer invokes only Lambda-backed custom resources`);
  }
  return token;
}

function timeoutMs(properties: Record<string, unknown>, ctx: ProviderContext): number {
  const seconds = Number(properties.ServiceTimeout);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : ctx.customResourceTimeoutMs;
}

/**
 * Sends one request to a custom resource as CloudFormation does: invokes the ServiceToken's
 * function with the request event, then waits for the provider's PUT to the response URL.
 *
 * CloudFormation invokes asynchronously and waits up to an hour for the response. Here the
 * invocation is synchronous, so a provider that crashes without responding fails the resource at
 * once with the function's own error, instead of after the timeout.
 */
async function send(requestType: RequestType, properties: Record<string, unknown>, ctx: ProviderContext, previous?: DeployedResource): Promise<CustomResourceResponse> {
  const functionName = serviceFunction(properties);
  const token = randomUUID();
  const responseUrl = `${ctx.endpoint}/_testbed/cloudformation/responses/${token}`;
  const requestId = randomUUID();
  const event: Record<string, unknown> = {
    RequestType: requestType,
    ServiceToken: functionName,
    ResponseURL: responseUrl,
    StackId: ctx.stackId,
    RequestId: requestId,
    LogicalResourceId: ctx.logicalId,
    ResourceType: ctx.resourceType,
    ResourceProperties: stringifyScalars(properties),
  };
  if (previous) event.PhysicalResourceId = previous.physicalId;
  if (requestType === 'Update' && previous) event.OldResourceProperties = stringifyScalars(previous.properties);

  const limit = timeoutMs(properties, ctx);
  const abort = new AbortController();
  let invocationError: string | undefined;
  let invocationDone = false;
  const invocation = ctx.clients.lambda
    .send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(event)) }), { abortSignal: abort.signal })
    .then((result) => {
      if (result.FunctionError) {
        const payload = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
        let message = payload;
        try {
          const parsed = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
          message = [parsed.errorType, parsed.errorMessage].filter(Boolean).join(': ') || payload;
        } catch {
          // not JSON: keep the raw payload
        }
        invocationError = message;
      }
    })
    .catch((err: Error) => {
      if (!abort.signal.aborted) invocationError = `${err.name}: ${err.message}`;
    })
    .finally(() => {
      invocationDone = true;
    });

  try {
    const deadline = Date.now() + limit;
    let delay = 5;
    for (;;) {
      const body = await readResponse(ctx.endpoint, token);
      if (body !== undefined) return judge(body, ctx, requestId);
      if (invocationDone && invocationError !== undefined) {
        throw new Error(`its provider function ${functionName} failed without sending a response: ${invocationError}`);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `CloudFormation did not receive a response from your Custom Resource within ${limit / 1000} s. Please check the logs of ${functionName} for requestId [${requestId}].`,
        );
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 200);
    }
  } finally {
    abort.abort();
    await invocation;
    await fetch(`${ctx.endpoint}/_testbed/cloudformation/responses/${token}`, { method: 'DELETE' }).catch(() => undefined);
  }
}

async function readResponse(endpoint: string, token: string): Promise<string | undefined> {
  const answer = await fetch(`${endpoint}/_testbed/cloudformation/responses/${token}`);
  if (answer.status === 404) {
    await answer.body?.cancel();
    return undefined;
  }
  if (!answer.ok) throw new Error(`the emulator's response URL answered ${answer.status}: is the emulator's cloudformation service running?`);
  return answer.text();
}

/** Checks a response as CloudFormation does and reports failures in CloudFormation's words. */
function judge(body: string, ctx: ProviderContext, requestId: string): CustomResourceResponse {
  if (Buffer.byteLength(body) > MAX_RESPONSE_BYTES) throw new Error('Response object is too long.');
  let response: CustomResourceResponse;
  try {
    response = JSON.parse(body) as CustomResourceResponse;
  } catch {
    throw new Error(`the custom resource response is not valid JSON: ${body.slice(0, 200)}`);
  }
  if (response.RequestId !== undefined && response.RequestId !== requestId) throw new Error(`the custom resource responded for another request (${response.RequestId}).`);
  if (response.LogicalResourceId !== undefined && response.LogicalResourceId !== ctx.logicalId) {
    throw new Error(`the custom resource responded for another resource (${response.LogicalResourceId}).`);
  }
  if (response.Status === 'FAILED') throw new Error(`Received response status [FAILED] from custom resource. Message returned: ${response.Reason ?? ''}`);
  if (response.Status !== 'SUCCESS') throw new Error(`Invalid response status [${String(response.Status)}] from custom resource; it must be SUCCESS or FAILED.`);
  if (typeof response.PhysicalResourceId !== 'string' || response.PhysicalResourceId === '') throw new Error('Invalid PhysicalResourceId');
  if (response.Data !== undefined && (typeof response.Data !== 'object' || response.Data === null || Array.isArray(response.Data))) {
    throw new Error('the custom resource response Data must be an object.');
  }
  return response;
}

function stateOf(response: CustomResourceResponse): ResourceState {
  // GetAtt reads the response's Data; Ref is the physical id the provider chose.
  return { physicalId: response.PhysicalResourceId!, attributes: { ...(response.Data ?? {}) } };
}

/**
 * `Custom::*` and AWS::CloudFormation::CustomResource backed by a Lambda function. When an update
 * returns a new physical id, the old resource is sent a Delete afterwards, as CloudFormation does
 * in its clean-up phase (the engine does that for any update that changes the physical id).
 */
export const customResource: ResourceProvider = {
  properties: 'any',
  required: ['ServiceToken'],
  async create(properties, ctx) {
    return stateOf(await send('Create', properties, ctx));
  },
  async update(previous, properties, ctx) {
    if (previous.properties.ServiceToken !== properties.ServiceToken) throw new Error('Modifying service token is not allowed.');
    return stateOf(await send('Update', properties, ctx, previous));
  },
  async delete(resource, ctx) {
    await send('Delete', resource.properties, ctx, resource);
  },
};
