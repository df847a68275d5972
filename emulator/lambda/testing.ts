import AdmZip from 'adm-zip';
import { CreateFunctionCommand, LambdaClient, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { clientConfig } from '../testing/emulator-fixture';
import type { AsyncInvocationRecord } from './async-invocations';

/**
 * For tests and benchmarks: small handler zips, a client, and the asynchronous invocation record
 * the emulator serves at `GET /_testbed/lambda/async` (waits on it: emulator/testing/wait.ts).
 */

export const TEST_ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

/** A deployment package from `{ 'index.js': source, ... }`. */
export function handlerZip(files: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) zip.addFile(name, Buffer.from(content));
  return zip.toBuffer();
}

// Throttling (429) is part of what the tests check: no silent SDK retries.
export const NO_RETRIES = { maxAttempts: 1 };

export function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({ ...clientConfig(endpoint), ...NO_RETRIES });
}

/** Creates a Node.js 20 function from source files; `Handler` defaults to `index.handler`. */
export function createNodeFunction(
  client: LambdaClient,
  name: string,
  files: Record<string, string>,
  extra: Partial<CreateFunctionCommandInput> = {},
) {
  return client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip(files) },
      ...extra,
    }),
  );
}

export async function readAsyncRecords(endpoint: string, functionName?: string): Promise<AsyncInvocationRecord[]> {
  const url = new URL('/_testbed/lambda/async', endpoint);
  if (functionName) url.searchParams.set('functionName', functionName);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return ((await res.json()) as { invocations: AsyncInvocationRecord[] }).invocations;
}
