import { GetLogEventsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../../testing/emulator-fixture';
import { NO_RETRIES, createNodeFunction } from '../testing';

// Lambda gives the init phase 10 s; these inits take longer.
const env = useEmulator({ clients: { lambda: NO_RETRIES } });

/** A handler whose module scope takes `ms` before the handler is ready (a slow init). */
const slowInit = (ms: number) => ({
  'index.mjs': `await new Promise((r) => setTimeout(r, ${ms}));\nexport const handler = async () => ({ ready: true });`,
});

describe.concurrent('an init phase longer than ten seconds (on-demand functions)', () => {
  it('continues under the function timeout and answers the invocation, as Lambda’s init retried within the invoke does', async () => {
    const name = uniqueName('slow-init');
    await createNodeFunction(env.lambda, name, slowInit(10_500), { Timeout: 5 });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(out.Payload!).toString('utf8'))).toEqual({ ready: true });
    // The environment is kept: the next invocation is warm.
    const again = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(again.FunctionError).toBeUndefined();
  }, 30_000);

  it('times the invocation out (Sandbox.Timedout) when the init runs past ten seconds plus the function timeout', async () => {
    const name = uniqueName('stuck-init');
    await createNodeFunction(env.lambda, name, slowInit(15_000), { Timeout: 1 });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(out.FunctionError).toBe('Unhandled');
    const payload = JSON.parse(Buffer.from(out.Payload!).toString('utf8')) as { errorType: string; errorMessage: string };
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
    const group = `/aws/lambda/${name}`;
    const { logStreams } = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    const { events } = await env.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: logStreams![0]!.logStreamName! }));
    expect(events?.some((e) => /^REPORT .*Status: timeout/.test(e.message ?? ''))).toBe(true);
  }, 30_000);
});
