import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../core/request-context';
import { readEventRecords } from '../events/testing';
import { clientConfig, uniqueName, useEmulator } from '../testing/emulator-fixture';
import { createNodeFunction, NO_RETRIES } from './testing';

let scratch: string;

// Emulator state must not leak into handlers: they see only what Lambda sets.
process.env.TESTBED_HOST_ONLY = 'host';

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambda-invoke-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
const env = useEmulator({ clients: { lambda: NO_RETRIES } });

const json = (out: InvokeCommandOutput) => JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
const call = (name: string, payload?: unknown) =>
  env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload === undefined ? undefined : Buffer.from(JSON.stringify(payload)) }));

/** Handler source that waits (bounded) until a file exists: lets a test hold an invocation open. */
const WAIT_FOR_FILE = `
const fs = require('node:fs');
async function waitForFile(file, ms) {
  const deadline = Date.now() + ms;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error('gave up waiting for ' + file);
    await new Promise((r) => setTimeout(r, 10));
  }
}`;

describe('Invoke (RequestResponse)', () => {
  it('runs the handler with the event and answers its result', async () => {
    const name = uniqueName('echo');
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async (event) => ({ got: event });' });
    const out = await call(name, { order: 42 });
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(json(out)).toEqual({ got: { order: 42 } });
    // No payload is an empty object, as on AWS.
    expect(json(await call(name))).toEqual({ got: {} });
  });

  it('gives the handler the function environment AWS sets, and the context', async () => {
    const name = uniqueName('env');
    await createNodeFunction(env.lambda, name, {
      'index.js': `exports.handler = async (event, context) => ({
        env: process.env,
        context: {
          awsRequestId: context.awsRequestId, functionName: context.functionName, functionVersion: context.functionVersion,
          invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
          logGroupName: context.logGroupName, logStreamName: context.logStreamName,
          remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop,
        },
      });`,
    }, { Environment: { Variables: { ORDERS_TABLE: 'OrderDetails' } }, Timeout: 5 });
    const out = await call(name);
    const { env: handlerEnv, context } = json(out);
    expect(handlerEnv).toMatchObject({
      ORDERS_TABLE: 'OrderDetails',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      _HANDLER: 'index.handler',
      TZ: ':UTC',
      AWS_ENDPOINT_URL: env.endpoint,
      AWS_ACCESS_KEY_ID: '000000000000',
    });
    expect(handlerEnv.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(handlerEnv.LAMBDA_TASK_ROOT).toBeTruthy();
    expect(handlerEnv.TESTBED_HOST_ONLY).toBeUndefined();
    expect(context).toMatchObject({
      awsRequestId: out.$metadata.requestId,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      memoryLimitInMB: '128',
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: handlerEnv.AWS_LAMBDA_LOG_STREAM_NAME,
      waits: true,
    });
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(5000);
  });

  it('keeps module scope between warm invocations of one environment', async () => {
    const name = uniqueName('warm');
    await createNodeFunction(env.lambda, name, {
      'index.js': 'let count = 0; exports.handler = async () => ({ count: ++count, stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME });',
    });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(json(await call(name)));
    expect(results.map((r) => r.count)).toEqual([1, 2, 3]);
    expect(new Set(results.map((r) => r.stream)).size).toBe(1);
  });

  it('starts a second environment when invocations overlap, and reuses it afterwards', async () => {
    const name = uniqueName('overlap');
    const dir = mkdtempSync(path.join(scratch, 'overlap-'));
    // Each invocation announces itself and waits for the other: in one environment they could
    // not overlap, and the first would give up.
    await createNodeFunction(env.lambda, name, {
      'index.js': `${WAIT_FOR_FILE}
        exports.handler = async (event, context) => {
          fs.writeFileSync(process.env.DIR + '/' + context.awsRequestId, '');
          const deadline = Date.now() + 8000;
          while (fs.readdirSync(process.env.DIR).length < 2) {
            if (Date.now() > deadline) throw new Error('the other invocation never ran alongside');
            await new Promise((r) => setTimeout(r, 10));
          }
          return process.env.AWS_LAMBDA_LOG_STREAM_NAME;
        };`,
    }, { Environment: { Variables: { DIR: dir } }, Timeout: 10 });
    const [a, b] = await Promise.all([call(name), call(name)]);
    expect(a.FunctionError).toBeUndefined();
    expect(b.FunctionError).toBeUndefined();
    const streams = [json(a), json(b)];
    expect(streams[0]).not.toBe(streams[1]);
    const again = json(await call(name));
    expect(streams).toContain(again);
  });

  it('throttles synchronous invocations beyond reserved concurrency', async () => {
    const name = uniqueName('reserved');
    const release = path.join(scratch, `${name}.release`);
    await createNodeFunction(env.lambda, name, {
      'index.js': `${WAIT_FOR_FILE}
        exports.handler = async () => { await waitForFile(process.env.RELEASE, 8000); return 'released'; };`,
    }, { Environment: { Variables: { RELEASE: release } }, Timeout: 10 });
    await env.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 1 }));
    const first = call(name);
    // The first invocation holds the only slot until the file appears.
    const throttled = await waitForThrottle(name);
    expect(throttled).toMatchObject({ name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: 'Rate Exceeded.' });
    expect(throttled.$metadata.httpStatusCode).toBe(429);
    writeFileSync(release, '');
    expect(json(await first)).toBe('released');
  });

  it('ends an invocation that exceeds the timeout and discards the environment', async () => {
    const name = uniqueName('timeout');
    await createNodeFunction(env.lambda, name, {
      'index.js': `let count = 0;
        exports.handler = async (event) => {
          count++;
          if (event.hang) await new Promise(() => setInterval(() => {}, 1000));
          return { count, stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME };
        };`,
    }, { Timeout: 1 });
    const before = json(await call(name));
    const out = await call(name, { hang: true });
    expect(out.FunctionError).toBe('Unhandled');
    expect(json(out)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${out.$metadata.requestId} Error: Task timed out after 1.00 seconds` });
    const after = json(await call(name));
    expect(after.count).toBe(1);
    expect(after.stream).not.toBe(before.stream);
  });

  it('answers handler errors in the runtime shape', async () => {
    const name = uniqueName('error');
    await createNodeFunction(env.lambda, name, {
      'index.js': `exports.handler = async (event) => {
        if (event.plain) throw 'just a string';
        const err = new TypeError('order value must be a number');
        throw err;
      };`,
    });
    const out = await call(name);
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const body = json(out);
    expect(body.errorType).toBe('TypeError');
    expect(body.errorMessage).toBe('order value must be a number');
    expect(body.trace[0]).toBe('TypeError: order value must be a number');
    expect(body.trace[1]).toMatch(/^\s+at /);
    expect(json(await call(name, { plain: true }))).toEqual({ errorType: 'string', errorMessage: 'just a string', trace: [] });
  });

  it('supports callback-style handlers and context.succeed', async () => {
    const name = uniqueName('callback');
    await createNodeFunction(env.lambda, name, {
      'index.js': `exports.handler = (event, context, callback) => {
        if (event.viaContext) return context.succeed({ via: 'context' });
        if (event.fail) return callback(new Error('callback failure'));
        setTimeout(() => callback(null, { via: 'callback' }), 5);
      };`,
    });
    expect(json(await call(name))).toEqual({ via: 'callback' });
    expect(json(await call(name, { viaContext: true }))).toEqual({ via: 'context' });
    const failed = await call(name, { fail: true });
    expect(failed.FunctionError).toBe('Unhandled');
    expect(json(failed).errorMessage).toBe('callback failure');
  });

  it('loads ES module handlers (.mjs), nested handler paths and subdirectories', async () => {
    const name = uniqueName('esm');
    await createNodeFunction(env.lambda, name, {
      'src/app.mjs': `import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
        export const handlers = { order: async () => ({ esm: true, sdk: typeof EventBridgeClient }) };`,
    }, { Handler: 'src/app.handlers.order' });
    expect(json(await call(name))).toEqual({ esm: true, sdk: 'function' });
  });

  it('resolves @aws-sdk for code run from a directory outside the project (CommonJS and ES modules)', async () => {
    for (const [file, source] of [
      ['index.js', 'const { EventBridgeClient } = require("@aws-sdk/client-eventbridge"); exports.handler = async () => typeof EventBridgeClient;'],
      ['index.mjs', 'import { EventBridgeClient } from "@aws-sdk/client-eventbridge"; export const handler = async () => typeof EventBridgeClient;'],
    ]) {
      const dir = mkdtempSync(path.join(scratch, 'outside-'));
      writeFileSync(path.join(dir, file), source);
      const name = uniqueName('outside');
      await createNodeFunction(env.lambda, name, {}, { Code: { S3Bucket: 'hot-reload', S3Key: dir } });
      const out = await call(name);
      expect(out.FunctionError, `${file}: ${Buffer.from(out.Payload!).toString()}`).toBeUndefined();
      expect(json(out), file).toBe('function');
    }
  });

  it('decides CommonJS or ES module within the code directory, as in /var/task', async () => {
    // A CommonJS bundle in a project whose package.json says "type": "module" (cdk.out in this repo).
    const project = mkdtempSync(path.join(scratch, 'project-'));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    const asset = path.join(project, 'asset.1');
    mkdirSync(asset);
    writeFileSync(path.join(asset, 'index.js'), '"use strict"; module.exports.handler = async () => "cjs bundle";');
    const cjs = uniqueName('cjs-in-esm-project');
    await createNodeFunction(env.lambda, cjs, {}, { Code: { S3Bucket: 'hot-reload', S3Key: asset } });
    expect(json(await call(cjs))).toBe('cjs bundle');

    // An ES module package: a package.json inside the code decides.
    const esm = uniqueName('esm-package');
    await createNodeFunction(env.lambda, esm, { 'package.json': JSON.stringify({ type: 'module' }), 'index.js': 'export const handler = async () => "esm package";' });
    expect(json(await call(esm))).toBe('esm package');
  });

  it('reports load failures as the Node.js runtime does', async () => {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ['missing-module', { 'index.js': '' }, 'Runtime.ImportModuleError', /^Error: Cannot find module 'app'/],
      ['missing-export', { 'index.js': 'exports.other = () => 1;' }, 'Runtime.HandlerNotFound', /^index\.handler is undefined or not exported$/],
      ['syntax', { 'index.js': 'exports.handler = async () => {;' }, 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ];
    for (const [label, files, errorType, message] of cases) {
      const name = uniqueName(label);
      await createNodeFunction(env.lambda, name, files, label === 'missing-module' ? { Handler: 'app.handler' } : {});
      const out = await call(name);
      expect(out.FunctionError, label).toBe('Unhandled');
      const body = json(out);
      expect(body.errorType, label).toBe(errorType);
      expect(body.errorMessage, label).toMatch(message);
    }
  });

  it('answers Runtime.ExitError when the handler exits the process', async () => {
    const name = uniqueName('exit');
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async () => { process.exit(2); };' });
    const out = await call(name);
    expect(out.FunctionError).toBe('Unhandled');
    expect(json(out)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${out.$metadata.requestId} Error: Runtime exited with error: exit status 2` });
  });

  it('applies the memory size as the heap limit', async () => {
    const name = uniqueName('memory');
    await createNodeFunction(env.lambda, name, {
      'index.js': 'exports.handler = async () => { const hog = []; for (;;) hog.push(new Array(1e6).fill(Math.random())); };',
    }, { MemorySize: 128, Timeout: 30 });
    const out = await call(name);
    expect(out.FunctionError).toBe('Unhandled');
    expect(json(out).errorType).toBe('Runtime.OutOfMemory');
  });

  it('returns the end of the log with LogType Tail', async () => {
    const name = uniqueName('tail');
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async () => { console.log("hello", { n: 1 }); return 1; };' });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail' }));
    const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    const id = out.$metadata.requestId!;
    expect(log).toContain(`START RequestId: ${id} Version: $LATEST\n`);
    expect(log).toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${id}\\tINFO\\thello { n: 1 }\\n`));
    expect(log).toContain(`END RequestId: ${id}\n`);
    expect(log).toMatch(new RegExp(`REPORT RequestId: ${id}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t`));
  });
});

describe('Invoke (Event and DryRun) and bad input', () => {
  it('accepts an asynchronous invocation with 202 and runs it', async () => {
    const name = uniqueName('event');
    const marker = path.join(scratch, `${name}.ran`);
    await createNodeFunction(env.lambda, name, {
      'index.js': 'exports.handler = async (event) => { require("node:fs").writeFileSync(process.env.MARKER, JSON.stringify(event)); };',
    }, { Environment: { Variables: { MARKER: marker } } });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: Buffer.from('{"async":true}') }));
    expect(out.StatusCode).toBe(202);
    expect(out.Payload?.length ?? 0).toBe(0);
    const { waitFor } = await import('../testing/wait');
    const { readFileSync, existsSync } = await import('node:fs');
    const ran = await waitFor(() => 'the asynchronous invocation to run', async () => (existsSync(marker) ? readFileSync(marker, 'utf8') : undefined));
    expect(JSON.parse(ran)).toEqual({ async: true });
  });

  it('answers a DryRun with 204 without running anything', async () => {
    const name = uniqueName('dryrun');
    const marker = path.join(scratch, `${name}.ran`);
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async () => { require("node:fs").writeFileSync(process.env.MARKER, ""); };' }, { Environment: { Variables: { MARKER: marker } } });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'DryRun' }));
    expect(out.StatusCode).toBe(204);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a payload that is not JSON', async () => {
    const name = uniqueName('badjson');
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async () => 1;' });
    const err = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('not json') })).catch((e) => e);
    expect(err.name).toBe('InvalidRequestContentException');
    expect(err.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('in-process invocation (EventBridge, API Gateway, Step Functions)', () => {
  it('invokes by ARN with a request id of its own, and throws AWS errors', async () => {
    const name = uniqueName('internal');
    await createNodeFunction(env.lambda, name, { 'index.js': 'exports.handler = async (event, context) => ({ event, id: context.awsRequestId });' });
    const ctx = internalContext();
    const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
    const first = await env.emulator.hub.lambda.invoke(ctx, arn, Buffer.from('{"n":1}'), 'RequestResponse', { logType: 'Tail' });
    const second = await env.emulator.hub.lambda.invoke(ctx, arn, Buffer.from('{"n":2}'), 'RequestResponse');
    expect(first).toMatchObject({ statusCode: 200, executedVersion: '$LATEST' });
    expect(first.functionError).toBeUndefined();
    const [a, b] = [JSON.parse(first.payload.toString()), JSON.parse(second.payload.toString())];
    expect(a.event).toEqual({ n: 1 });
    expect(a.id).not.toBe(b.id);
    expect(Buffer.from(first.logResult!, 'base64').toString()).toContain(`START RequestId: ${a.id} Version: $LATEST`);
    expect((await env.emulator.hub.lambda.invoke(ctx, arn, Buffer.from('{}'), 'Event')).statusCode).toBe(202);
    await expect(env.emulator.hub.lambda.invoke(ctx, `${arn}-missing`, Buffer.from('{}'), 'Event')).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: `Function not found: ${arn}-missing:$LATEST`,
    });
  });
});

describe('SDK clients inside handlers', () => {
  it('reach the emulator with no endpoint configuration, in the function account', async () => {
    const account = '111111111111';
    const credentials = { accessKeyId: account, secretAccessKey: 'test' };
    const events = new EventBridgeClient({ ...clientConfig(env.endpoint), credentials });
    const client = new LambdaClient({ ...clientConfig(env.endpoint), credentials, ...NO_RETRIES });
    try {
      const bus = uniqueName('bus');
      await events.send(new CreateEventBusCommand({ Name: bus }));
      const name = uniqueName('publisher');
      // Bundled as CDK's NodejsFunction bundles: esbuild, CommonJS for Node 20, @aws-sdk/* external.
      const bundle = buildSync({
        stdin: {
          contents: `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
            const client = new EventBridgeClient({});
            export const handler = async (event: unknown) => client.send(new PutEventsCommand({ Entries: [
              { Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(event), EventBusName: process.env.BUS },
            ] }));`,
          loader: 'ts',
          resolveDir: process.cwd(),
        },
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['@aws-sdk/*'],
        write: false,
      });
      await createNodeFunction(client, name, {
        'index.js': bundle.outputFiles[0]!.text,
      }, { Environment: { Variables: { BUS: bus } }, Timeout: 15 });
      const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"orderId":"o-1"}') }));
      const body = JSON.parse(Buffer.from(out.Payload!).toString());
      expect(out.FunctionError, JSON.stringify(body)).toBeUndefined();
      expect(body.FailedEntryCount).toBe(0);
      const eventId = body.Entries[0].EventId;
      expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
      // The handler's credentials name the function's account, so the event landed on that
      // account's bus (an unknown bus would have dropped it).
      const records = await readEventRecords(env.endpoint, { eventId });
      expect(records.map((r) => r.kind)).toContain('accepted');
      expect(records.map((r) => r.kind)).not.toContain('dropped');
      expect(records[0]).toMatchObject({ accountId: account, bus });
    } finally {
      events.destroy();
      client.destroy();
    }
  });
});

async function waitForThrottle(name: string): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await call(name).then(
      () => undefined,
      (err) => err,
    );
    if (result?.name === 'TooManyRequestsException') return result;
    if (result) throw result;
    if (Date.now() > deadline) throw new Error('never throttled');
  }
}
