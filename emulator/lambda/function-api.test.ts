import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { createNodeFunction, handlerZip, NO_RETRIES, TEST_ROLE } from './testing';
import { waitFor } from '../testing/wait';

const ECHO = { 'index.js': 'exports.handler = async (event) => ({ echo: event });' };
const ARN_PREFIX = 'arn:aws:lambda:us-east-1:000000000000:function:';

const env = useEmulator({ clients: { lambda: NO_RETRIES } });

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number; body: any }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, body: err };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('CreateFunction and the read operations', () => {
  it('creates a function from a zip and answers its configuration as AWS does', async () => {
    const name = uniqueName('create');
    const created = await createNodeFunction(env.lambda, name, ECHO, { Environment: { Variables: { A: '1' } }, Timeout: 7, MemorySize: 256, Description: 'd' });
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: name,
      FunctionArn: `${ARN_PREFIX}${name}`,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: TEST_ROLE,
      Timeout: 7,
      MemorySize: 256,
      Description: 'd',
      Environment: { Variables: { A: '1' } },
      Version: '$LATEST',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      State: 'Pending',
      StateReasonCode: 'Creating',
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    });
    expect(created.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(created.CodeSize).toBeGreaterThan(0);

    const got = await env.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful', CodeSha256: created.CodeSha256 });
    expect(got.Code?.RepositoryType).toBe('S3');
    const zip = await fetch(got.Code!.Location!);
    expect(zip.status).toBe(200);
    expect(Buffer.from(await zip.arrayBuffer()).length).toBe(created.CodeSize);

    const byArn = await env.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN_PREFIX}${name}` }));
    expect(byArn.FunctionName).toBe(name);
    const byPartialArn = await env.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `000000000000:function:${name}` }));
    expect(byPartialArn.FunctionName).toBe(name);
  });

  it('lists functions in pages', async () => {
    const prefix = uniqueName('list');
    for (const n of ['a', 'b', 'c']) await createNodeFunction(env.lambda, `${prefix}-${n}`, ECHO);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await env.lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      pages++;
      expect(page.Functions!.length).toBeLessThanOrEqual(2);
      for (const fn of page.Functions!) {
        expect(fn.State).toBeUndefined();
        names.push(fn.FunctionName!);
      }
      marker = page.NextMarker;
    } while (marker);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(names.filter((n) => n.startsWith(prefix))).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
  });

  it('refuses a second function of the same name', async () => {
    const name = uniqueName('dup');
    await createNodeFunction(env.lambda, name, ECHO);
    const err = await failure(createNodeFunction(env.lambda, name, ECHO));
    expect(err).toMatchObject({ name: 'ResourceConflictException', message: `Function already exist: ${name}`, status: 409 });
    expect(err.body.Type).toBe('User');
  });

  it('answers ResourceNotFoundException for unknown functions, with the ARN AWS puts in the message', async () => {
    const get = await failure(env.lambda.send(new GetFunctionCommand({ FunctionName: 'no-such-function' })));
    expect(get).toMatchObject({ name: 'ResourceNotFoundException', message: `Function not found: ${ARN_PREFIX}no-such-function`, status: 404 });
    const inv = await failure(env.lambda.send(new InvokeCommand({ FunctionName: 'no-such-function' })));
    expect(inv.message).toBe(`Function not found: ${ARN_PREFIX}no-such-function:$LATEST`);
    const del = await failure(env.lambda.send(new DeleteFunctionCommand({ FunctionName: 'no-such-function' })));
    expect(del.name).toBe('ResourceNotFoundException');
    const otherRegion = await failure(env.lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:x' })));
    expect(otherRegion.message).toBe("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  });

  it('validates the request as AWS does', async () => {
    const name = uniqueName('invalid');
    const base = { FunctionName: name, Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: handlerZip(ECHO) } } as const;
    const runtime = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Runtime: 'nodejs99.x' as never })));
    expect(runtime.name).toBe('InvalidParameterValueException');
    expect(runtime.message).toMatch(/^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs20\.x, .*\] or be a valid ARN$/);
    const retired = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Runtime: 'nodejs14.x' })));
    expect(retired.message).toBe('The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.');
    const role = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Role: 'r1' })));
    expect(role).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(role.message).toContain("Value 'r1' at 'role' failed to satisfy constraint");
    const handler = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Handler: 'index handler' })));
    expect(handler.name).toBe('ValidationException');
    expect(handler.message).toContain("Value 'index handler' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+");
    const timeout = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Timeout: 901 })));
    expect(timeout.message).toBe("1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    const zip = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Code: { ZipFile: Buffer.from('not a zip') } })));
    expect(zip.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    const fnName = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'invalid:function:name' })));
    expect(fnName.name).toBe('ValidationException');
    const longName = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'a'.repeat(65) })));
    expect(longName.name).toBe('InvalidParameterValueException');
    const reserved = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { AWS_REGION: 'x' } } })));
    expect(reserved.message).toContain('Reserved keys used in this request: AWS_REGION');
    const noCode = await failure(env.lambda.send(new CreateFunctionCommand({ ...base, Code: {} })));
    expect(noCode.message).toBe('Please provide a source for function code.');
    // None of the failed attempts left a function behind.
    expect((await failure(env.lambda.send(new GetFunctionCommand({ FunctionName: name })))).name).toBe('ResourceNotFoundException');
  });

  it('creates functions of other runtimes but runs only Node.js', async () => {
    const name = uniqueName('python');
    await env.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: handlerZip({ 'index.py': 'def handler(e, c): return 1' }) } }));
    const err = await failure(env.lambda.send(new InvokeCommand({ FunctionName: name })));
    expect(err).toMatchObject({ name: 'InvalidRuntimeException', status: 502 });
    expect(err.message).toContain('python3.12');
  });

  it('deletes a function', async () => {
    const name = uniqueName('delete');
    await createNodeFunction(env.lambda, name, ECHO);
    const deleted = await env.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await failure(env.lambda.send(new GetFunctionCommand({ FunctionName: name })))).name).toBe('ResourceNotFoundException');
  });
});

describe('updates', () => {
  it('updates code and configuration; new invocations see both', async () => {
    const name = uniqueName('update');
    const created = await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async () => ({ v: 1, env: process.env.COLOR });' });
    const invoke = async () => JSON.parse(Buffer.from((await env.lambda.send(new InvokeCommand({ FunctionName: name }))).Payload!).toString());
    expect(await invoke()).toEqual({ v: 1 });

    const conf = await env.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { COLOR: 'blue' } }, Timeout: 9 }));
    expect(conf).toMatchObject({ Timeout: 9, LastUpdateStatus: 'InProgress', Environment: { Variables: { COLOR: 'blue' } } });
    expect(conf.RevisionId).not.toBe(created.RevisionId);
    expect(await invoke()).toEqual({ v: 1, env: 'blue' });

    const code = await env.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip({ 'index.js': 'exports.handler = async () => ({ v: 2 });' }) }));
    expect(code.CodeSha256).not.toBe(created.CodeSha256);
    expect(await invoke()).toEqual({ v: 2 });

    const stale = await failure(env.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5, RevisionId: created.RevisionId })));
    expect(stale.name).toBe('PreconditionFailedException');
  });

  it('records reserved concurrency', async () => {
    const name = uniqueName('concurrency');
    await createNodeFunction(env.lambda, name, ECHO);
    expect((await env.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions).toBeUndefined();
    await env.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 3 }));
    expect((await env.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions).toBe(3);
    expect((await env.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 3 });
    const tooMuch = await failure(env.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 950 })));
    expect(tooMuch.message).toBe("Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].");
    await env.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect((await env.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('permissions', () => {
  it('records statements and shapes the policy as AWS does', async () => {
    const name = uniqueName('policy');
    await createNodeFunction(env.lambda, name, ECHO);
    const none = await failure(env.lambda.send(new GetPolicyCommand({ FunctionName: name })));
    expect(none).toMatchObject({ name: 'ResourceNotFoundException', message: 'The resource you requested does not exist.' });

    const added = await env.lambda.send(new AddPermissionCommand({
      FunctionName: name,
      StatementId: 'events',
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: 'arn:aws:events:us-east-1:000000000000:rule/Orders/r',
    }));
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: 'events',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN_PREFIX}${name}`,
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:events:us-east-1:000000000000:rule/Orders/r' } },
    });
    await env.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'acct', Action: 'lambda:InvokeFunction', Principal: '111122223333' }));
    const policy = JSON.parse((await env.lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy!);
    expect(policy).toMatchObject({ Version: '2012-10-17', Id: 'default' });
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['events', 'acct']);
    expect(policy.Statement[1].Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });

    const dup = await failure(env.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' })));
    expect(dup).toMatchObject({ name: 'ResourceConflictException', message: 'The statement id (events) provided already exists. Please provide a new statement id, or remove the existing statement.' });

    await env.lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'events' }));
    const missing = await failure(env.lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'events' })));
    expect(missing.message).toBe('Statement events is not found in resource policy.');
    const noFunction = await failure(env.lambda.send(new RemovePermissionCommand({ FunctionName: 'no-such-function', StatementId: 'x' })));
    expect(noFunction.message).toBe(`No policy found for: ${ARN_PREFIX}no-such-function`);
  });
});

describe('tags', () => {
  it('tags, lists and untags a function by its ARN', async () => {
    const name = uniqueName('tags');
    const arn = `${ARN_PREFIX}${name}`;
    await createNodeFunction(env.lambda, name, ECHO, { Tags: { team: 'orders' } });
    await env.lambda.send(new TagResourceCommand({ Resource: arn, Tags: { stage: 'dev' } }));
    expect((await env.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ team: 'orders', stage: 'dev' });
    await env.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['team'] }));
    expect((await env.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ stage: 'dev' });
    expect((await env.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Tags).toEqual({ stage: 'dev' });
    const qualified = await failure(env.lambda.send(new ListTagsCommand({ Resource: `${arn}:1` })));
    expect(qualified.message).toBe('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    const unknown = await failure(env.lambda.send(new ListTagsCommand({ Resource: `${ARN_PREFIX}no-such-function` })));
    expect(unknown.message).toBe(`Function not found: ${ARN_PREFIX}no-such-function`);
  });
});

describe('event invoke config', () => {
  it('stores retry and destination settings', async () => {
    const name = uniqueName('eic');
    await createNodeFunction(env.lambda, name, ECHO);
    const missing = await failure(env.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name })));
    expect(missing.message).toBe(`The function ${ARN_PREFIX}${name}:$LATEST doesn't have an EventInvokeConfig`);
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    const put = await env.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: bus } } }));
    expect(put).toMatchObject({ FunctionArn: `${ARN_PREFIX}${name}:$LATEST`, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: bus } } });
    expect(put.LastModified).toBeInstanceOf(Date);
    const got = await env.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }));
    expect(got.MaximumRetryAttempts).toBe(1);
    const empty = await failure(env.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name })));
    expect(empty.message).toBe('You must specify at least one of error handling or destination setting.');
    const tooMany = await failure(env.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 3 })));
    expect(tooMany.name).toBe('ValidationException');
  });
});

describe('hot reload', () => {
  it('runs code from a local directory (LocalStack convention) and picks up edits to it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hot-reload-'));
    try {
      writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => "first";');
      const name = uniqueName('hot');
      const created = await env.lambda.send(new CreateFunctionCommand({
        FunctionName: name, Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { S3Bucket: 'hot-reload', S3Key: dir },
      }));
      expect(created.CodeSha256).toBe('hot-reloading-hash-not-available');
      const first = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
      expect(Buffer.from(first.Payload!).toString()).toBe('"first"');
      expect((await env.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Code?.Location).toBe(`file://${dir}`);

      // An edit in the directory reaches the next invocations without any API call.
      writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => "second";');
      await waitFor(() => 'the edited handler to answer', async () => {
        const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
        return Buffer.from(out.Payload!).toString() === '"second"' ? true : undefined;
      });

      const relative = await failure(env.lambda.send(new CreateFunctionCommand({
        FunctionName: uniqueName('hot'), Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { S3Bucket: 'hot-reload', S3Key: 'relative/dir' },
      })));
      expect(relative.message).toBe('When using hot reloading, the archive key has to be an absolute path! Your archive key: relative/dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
