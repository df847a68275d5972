import { request } from 'node:http';
import { PutLogEventsCommand, CreateLogGroupCommand, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createNodeFunction } from '../lambda/testing';
import { useEmulator } from '../testing/emulator-fixture';

const env = useEmulator({ clients: { lambda: { maxAttempts: 1 }, sqs: { maxAttempts: 1 }, logs: { maxAttempts: 1 }, sfn: { maxAttempts: 1 }, events: { maxAttempts: 1 } } });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Body bytes the client had written when the answer came. */
  sent: number;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

const SIGNED = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0` });

/**
 * Sends a request that declares `declared` bytes of body and writes none of it: an answer can only
 * come from a server that refuses the body without reading it.
 */
function declareOnly(method: string, path: string, headers: Record<string, string>, declared: number): Promise<Answer> {
  return exchange(method, path, { ...headers, 'content-length': String(declared) }, () => false);
}

/** Streams a chunked body of 64 KiB pieces until the server answers (or `max` bytes are written). */
function streamUntilAnswered(method: string, path: string, headers: Record<string, string>, max: number): Promise<Answer> {
  return exchange(method, path, { ...headers, 'transfer-encoding': 'chunked' }, (sent) => sent < max);
}

function exchange(method: string, path: string, headers: Record<string, string>, keepWriting: (sent: number) => boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(new URL(path, env.endpoint), { method, headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        // The server says it closes the connection; wait for the socket to go.
        const socket = req.socket;
        if (!socket || socket.destroyed) return resolve({ status: res.statusCode!, headers: res.headers, body, sent, closed: true });
        socket.once('close', () => resolve({ status: res.statusCode!, headers: res.headers, body, sent, closed: true }));
        setTimeout(() => resolve({ status: res.statusCode!, headers: res.headers, body, sent, closed: false }), 5_000).unref();
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    // Headers go out at once, whether or not any body follows.
    req.flushHeaders();
    const piece = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && keepWriting(sent)) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

describe('request bodies over a service’s limit are refused before they are read', () => {
  it('Lambda Invoke: 6 MB synchronous, 1 MB asynchronous, RequestTooLargeException (413)', async () => {
    await createNodeFunction(env.lambda, 'Sized', { 'index.mjs': 'export const handler = async () => ({ ok: true });' });
    const sync = env.lambda.send(new InvokeCommand({ FunctionName: 'Sized', Payload: Buffer.from(JSON.stringify({ pad: 'x'.repeat(6_291_456) })) }));
    await expect(sync).rejects.toMatchObject({ name: 'RequestTooLargeException', $metadata: { httpStatusCode: 413 }, message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
    const async = env.lambda.send(new InvokeCommand({ FunctionName: 'Sized', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ pad: 'x'.repeat(1_048_576) })) }));
    await expect(async).rejects.toMatchObject({ name: 'RequestTooLargeException', message: 'Request must be smaller than 1048576 bytes for the InvokeAsync operation' });
    // Just under the asynchronous limit is accepted.
    const fits = await env.lambda.send(new InvokeCommand({ FunctionName: 'Sized', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ pad: 'x'.repeat(1_000_000) })) }));
    expect(fits.StatusCode).toBe(202);

    const declared = await declareOnly('POST', '/2015-03-31/functions/Sized/invocations', SIGNED('lambda'), 6_291_457);
    expect([declared.status, declared.headers['x-amzn-errortype'], declared.headers.connection, declared.closed]).toEqual([413, 'RequestTooLargeException', 'close', true]);
  });

  it('Lambda Invoke: a chunked body is counted as it streams and cut off past the limit', async () => {
    const answer = await streamUntilAnswered('POST', '/2015-03-31/functions/Sized/invocations', { ...SIGNED('lambda'), 'x-amz-invocation-type': 'Event' }, 64 * 1024 * 1024);
    expect([answer.status, answer.headers['x-amzn-errortype'], answer.closed]).toEqual([413, 'RequestTooLargeException', true]);
    // Refused within a few pieces of the 1 MB limit, not after the 64 MB the client was ready to send.
    expect(answer.sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('Lambda CreateFunction and UpdateFunctionCode: about 70 MB (a 50 MB zip), RequestEntityTooLargeException', async () => {
    const create = await declareOnly('POST', '/2015-03-31/functions', { ...SIGNED('lambda'), 'content-type': 'application/json' }, 70_167_212);
    expect([create.status, create.headers['x-amzn-errortype'], JSON.parse(create.body)]).toEqual([413, 'RequestEntityTooLargeException', { message: 'Request must be smaller than 70167211 bytes for the CreateFunction operation' }]);
    const update = await declareOnly('PUT', '/2015-03-31/functions/Sized/code', { ...SIGNED('lambda'), 'content-type': 'application/json' }, 70_167_212);
    expect([update.status, JSON.parse(update.body).message]).toEqual([413, 'Request must be smaller than 70167211 bytes for the UpdateFunctionCode operation']);
  });

  it('EventBridge: entries over 1 MB are a ValidationException; a body past the ceiling is a 413', async () => {
    const put = env.events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: JSON.stringify({ pad: 'x'.repeat(1_048_576) }) }] }));
    await expect(put).rejects.toMatchObject({ name: 'ValidationException' });
    const json = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' };
    const declared = await declareOnly('POST', '/', json, 7 * 1024 * 1024 + 1);
    expect([declared.status, JSON.parse(declared.body).__type, declared.closed]).toEqual([413, 'RequestEntityTooLargeException', true]);
  });

  it('Step Functions: input over 256 KiB is refused in the body; a body past the ceiling is a 413', async () => {
    const { stateMachineArn } = await env.sfn.send(new CreateStateMachineCommand({ name: 'Sized', definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const start = env.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ pad: 'x'.repeat(262_144) }) }));
    await expect(start).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144") });
    const declared = await declareOnly('POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' }, 7 * 1024 * 1024 + 1);
    expect(declared.status).toBe(413);
  });

  it('SQS: a message over 1 MiB is InvalidParameterValue; a body past the ceiling is a 413', async () => {
    const { QueueUrl } = await env.sqs.send(new CreateQueueCommand({ QueueName: 'sized', Attributes: { MaximumMessageSize: '1048576' } }));
    const send = env.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) }));
    await expect(send).rejects.toMatchObject({ message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.' });
    const declared = await declareOnly('POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' }, 7 * 1024 * 1024 + 1);
    expect(declared.status).toBe(413);
  });

  it('CloudWatch Logs: a batch over 1,048,576 bytes is InvalidParameterException; a body past the ceiling is a 413', async () => {
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: '/sized' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: '/sized', logStreamName: 's' }));
    const logEvents = Array.from({ length: 5 }, () => ({ timestamp: Date.now(), message: 'x'.repeat(210_000) }));
    await expect(env.logs.send(new PutLogEventsCommand({ logGroupName: '/sized', logStreamName: 's', logEvents }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `Upload too large: ${5 * (210_000 + 26)} bytes exceeds limit of 1048576`,
    });
    const declared = await declareOnly('POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutLogEvents' }, 7 * 1024 * 1024 + 1);
    expect(declared.status).toBe(413);
  });

  it('DynamoDB: 16 MB', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.BatchWriteItem' };
    const declared = await declareOnly('POST', '/', json, 16 * 1024 * 1024 + 1);
    expect([declared.status, JSON.parse(declared.body).__type, declared.closed]).toEqual([413, 'RequestEntityTooLargeException', true]);
  });

  it('API Gateway: a REST API takes 10 MB; beyond, its own 413 “Request Too Long”', async () => {
    const declared = await declareOnly('POST', '/restapis/abc123/dev/_user_request_/orders', { 'content-type': 'application/json' }, 10 * 1024 * 1024 + 1);
    expect([declared.status, JSON.parse(declared.body), declared.closed]).toEqual([413, { message: 'Request Too Long' }, true]);
  });

  it('S3: a single PUT takes 5 GB, judged by its declared length: EntityTooLarge with the sizes', async () => {
    const declared = await declareOnly('PUT', '/bucket/big.bin', SIGNED('s3'), 5 * 1024 ** 3 + 1);
    expect(declared.status).toBe(400);
    expect(declared.body).toContain('<Code>EntityTooLarge</Code>');
    expect(declared.body).toContain(`<ProposedSize>${5 * 1024 ** 3 + 1}</ProposedSize><MaxSizeAllowed>${5 * 1024 ** 3}</MaxSizeAllowed>`);
    const document = await declareOnly('POST', '/bucket?delete', SIGNED('s3'), 1024 * 1024 + 1);
    expect([document.status, document.body]).toEqual([400, expect.stringContaining('<Code>MaxMessageLengthExceeded</Code>')]);
  });

  it('the Query services (IAM, STS, CloudFormation): 1 MiB, answered in their XML shape', async () => {
    const declared = await declareOnly('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 1024 * 1024 + 1);
    expect([declared.status, declared.body]).toEqual([413, expect.stringContaining('<Code>RequestEntityTooLargeException</Code>')]);
  });
});

describe('Expect: 100-continue', () => {
  it('a refused body is never invited; an accepted one is', async () => {
    const ask = (path: string, headers: Record<string, string>, length: number) =>
      new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
        let continued = false;
        const req = request(new URL(path, env.endpoint), { method: 'PUT', headers: { ...headers, expect: '100-continue', 'content-length': String(length) } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ continued, status: res.statusCode! }));
        });
        req.on('continue', () => {
          continued = true;
          req.end(Buffer.alloc(length, 'a'));
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    const refused = await ask('/bucket/too-big.bin', SIGNED('s3'), 5 * 1024 ** 3 + 1);
    expect(refused).toEqual({ continued: false, status: 400 });
    const invited = await ask('/no-such-bucket/small.bin', SIGNED('s3'), 16);
    expect(invited).toEqual({ continued: true, status: 404 });
  });
});
