import { CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import type { AsyncInvocationRecord } from './async-invocations';
import { createNodeFunction, NO_RETRIES, readAsyncRecords } from './testing';
import { waitFor } from '../testing/wait';

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambda-async-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
// A thousandth of real time: AWS's one- and two-minute retry back-off takes 60 and 120 ms.
const env = useEmulator({ timeScale: 0.001, clients: { lambda: NO_RETRIES } });

/** A handler that fails until it has been called `FAILURES + 1` times, counting in a file. */
const FLAKY = {
  'index.js': `const fs = require('node:fs');
    exports.handler = async (event) => {
      const count = (fs.existsSync(process.env.COUNTER) ? Number(fs.readFileSync(process.env.COUNTER, 'utf8')) : 0) + 1;
      fs.writeFileSync(process.env.COUNTER, String(count));
      if (count <= Number(process.env.FAILURES)) throw new Error('attempt ' + count + ' failed');
      return { succeededOn: count, event };
    };`,
};

async function invokeAsync(name: string, payload: unknown): Promise<string> {
  const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
  expect(out.StatusCode).toBe(202);
  return out.$metadata.requestId!;
}

async function finished(name: string, requestId: string): Promise<AsyncInvocationRecord> {
  let seen: AsyncInvocationRecord[] = [];
  return waitFor(() => `the asynchronous invocation ${requestId} to finish; records: ${JSON.stringify(seen)}`, async () => {
    seen = await readAsyncRecords(env.endpoint, name);
    const record = seen.find((r) => r.requestId === requestId);
    return record?.finishedAt ? record : undefined;
  });
}

describe('asynchronous invocation', () => {
  it('retries a failing function twice and records the attempts', async () => {
    const name = uniqueName('flaky');
    const counter = path.join(scratch, `${name}.count`);
    await createNodeFunction(env.lambda, name, FLAKY, { Environment: { Variables: { COUNTER: counter, FAILURES: '2' } } });
    const requestId = await invokeAsync(name, { orderId: 'o-1' });
    const record = await finished(name, requestId);
    expect(record.status).toBe('succeeded');
    expect(record.condition).toBe('Success');
    expect(record.attempts.map((a) => a.functionError ?? 'ok')).toEqual(['Unhandled', 'Unhandled', 'ok']);
    expect(record.attempts[0]!.errorType).toBe('Error');
    expect(readFileSync(counter, 'utf8')).toBe('3');
  });

  it('gives up after the retries and drops the event when no destination is configured', async () => {
    const name = uniqueName('always-fails');
    const counter = path.join(scratch, `${name}.count`);
    await createNodeFunction(env.lambda, name, FLAKY, { Environment: { Variables: { COUNTER: counter, FAILURES: '99' } } });
    const record = await finished(name, await invokeAsync(name, {}));
    expect(record).toMatchObject({ status: 'failed', condition: 'RetriesExhausted', dropped: true });
    expect(record.attempts).toHaveLength(3);
  });

  it('honours MaximumRetryAttempts and sends the invocation record to a Lambda destination', async () => {
    const name = uniqueName('to-lambda');
    const sink = uniqueName('sink');
    const counter = path.join(scratch, `${name}.count`);
    const received = path.join(scratch, `${sink}.json`);
    await createNodeFunction(env.lambda, sink, {
      'index.js': 'exports.handler = async (event) => { require("node:fs").writeFileSync(process.env.OUT, JSON.stringify(event)); };',
    }, { Environment: { Variables: { OUT: received } } });
    await createNodeFunction(env.lambda, name, FLAKY, { Environment: { Variables: { COUNTER: counter, FAILURES: '99' } } });
    await env.lambda.send(new PutFunctionEventInvokeConfigCommand({
      FunctionName: name,
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:lambda:us-east-1:000000000000:function:${sink}` } },
    }));
    const requestId = await invokeAsync(name, { orderId: 'o-2' });
    const record = await finished(name, requestId);
    expect(record.attempts).toHaveLength(2);
    expect(record.destination).toMatchObject({ type: 'OnFailure', delivered: true });
    const delivered = JSON.parse(await waitFor(() => 'the destination to run', async () => (existsSync(received) ? readFileSync(received, 'utf8') : undefined)));
    expect(delivered).toMatchObject({
      version: '1.0',
      requestContext: {
        requestId,
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 2,
      },
      requestPayload: { orderId: 'o-2' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'attempt 2 failed' },
    });
    expect(Date.parse(delivered.timestamp)).not.toBeNaN();
  });

  it('puts the invocation record on an EventBridge bus destination', async () => {
    const name = uniqueName('to-bus');
    const group = `/aws/events/${name}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await env.events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['lambda'], 'detail-type': ['Lambda Function Invocation Result - Failure'] }) }));
    await env.events.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}` }] }));
    await createNodeFunction(env.lambda, name, FLAKY, { Environment: { Variables: { COUNTER: path.join(scratch, `${name}.count`), FAILURES: '99' } } });
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    await env.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: bus } } }));
    const requestId = await invokeAsync(name, { orderId: 'o-3' });
    const record = await finished(name, requestId);
    expect(record.destination).toMatchObject({ type: 'OnFailure', arn: bus, delivered: true });
    const event = await waitFor(() => 'the destination event in the log group', async () => {
      const found = (await env.logs.send(new FilterLogEventsCommand({ logGroupName: group }))).events ?? [];
      return found.length > 0 ? JSON.parse(found[0]!.message!) : undefined;
    });
    expect(event).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      resources: [bus, `arn:aws:lambda:us-east-1:000000000000:function:${name}:$LATEST`],
      detail: { requestContext: { requestId, condition: 'RetriesExhausted', approximateInvokeCount: 1 }, requestPayload: { orderId: 'o-3' } },
    });
  });
});
