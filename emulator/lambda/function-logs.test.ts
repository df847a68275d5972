import { DescribeLogStreamsCommand, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { createNodeFunction, NO_RETRIES } from './testing';
import { waitFor } from '../testing/wait';

const env = useEmulator({ clients: { lambda: NO_RETRIES } });

async function eventsOf(group: string, until: (events: FilteredLogEvent[]) => boolean): Promise<FilteredLogEvent[]> {
  let last: FilteredLogEvent[] = [];
  return waitFor(() => `log events in ${group}; have ${JSON.stringify(last.map((e) => e.message))}`, async () => {
    try {
      last = (await env.logs.send(new FilterLogEventsCommand({ logGroupName: group }))).events ?? [];
    } catch (err) {
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
      last = [];
    }
    return until(last) ? last : undefined;
  });
}

describe('function logs in CloudWatch Logs', () => {
  it('writes START, console output, END and REPORT to /aws/lambda/<name>, one stream per environment', async () => {
    const name = uniqueName('logs');
    await createNodeFunction(env.lambda, name, {
      'index.js': `console.log('module scope');
        exports.handler = async (event) => { console.log('order', event.orderId); console.warn('careful'); console.error(new Error('logged, not thrown')); return 'ok'; };`,
    });
    const first = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"orderId":"o-7"}') }));
    const second = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"orderId":"o-8"}') }));
    const [id1, id2] = [first.$metadata.requestId!, second.$metadata.requestId!];
    const group = `/aws/lambda/${name}`;
    const events = await eventsOf(group, (evs) => evs.filter((e) => e.message!.startsWith('REPORT ')).length >= 2);
    const messages = events.map((e) => e.message!);

    const at = (prefix: string) => messages.findIndex((m) => m.startsWith(prefix));
    expect(messages.some((m) => /\tundefined\tINFO\tmodule scope\n$/.test(m))).toBe(true);
    expect(at(`START RequestId: ${id1} Version: $LATEST`)).toBeLessThan(at(`END RequestId: ${id1}`));
    expect(messages).toContain(`START RequestId: ${id1} Version: $LATEST\n`);
    expect(messages.some((m) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${id1}\\tINFO\\torder o-7\\n$`).test(m))).toBe(true);
    expect(messages.some((m) => m.includes(`\t${id1}\tWARN\tcareful`))).toBe(true);
    expect(messages.some((m) => m.includes(`\t${id1}\tERROR\tError: logged, not thrown`))).toBe(true);
    expect(messages).toContain(`END RequestId: ${id1}\n`);

    const reports = messages.filter((m) => m.startsWith('REPORT '));
    const report1 = reports.find((m) => m.includes(id1))!;
    const report2 = reports.find((m) => m.includes(id2))!;
    const figures = /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t/;
    expect(report1).toMatch(figures);
    expect(report1).toMatch(/\tInit Duration: \d+\.\d{2} ms\t\n$/);
    expect(report2).toMatch(figures);
    expect(report2).not.toContain('Init Duration');

    // One warm environment served both: one stream, named as Lambda names them.
    const streams = new Set(events.map((e) => e.logStreamName));
    expect(streams.size).toBe(1);
    const described = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(described.logStreams?.map((s) => s.logStreamName)).toEqual([...streams]);
    expect([...streams][0]).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('records a timeout in the REPORT line and keeps output written before it', async () => {
    const name = uniqueName('timeout-logs');
    await createNodeFunction(env.lambda, name, {
      'index.js': `exports.handler = async () => { console.log('starting wait'); await new Promise((r) => setTimeout(r, 5000)); console.log('done waiting'); };`,
    }, { Timeout: 1 });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    const id = out.$metadata.requestId!;
    const events = await eventsOf(`/aws/lambda/${name}`, (evs) => evs.some((e) => e.message!.startsWith(`REPORT RequestId: ${id}`)));
    const messages = events.map((e) => e.message!);
    expect(messages.some((m) => m.endsWith('\tINFO\tstarting wait\n'))).toBe(true);
    expect(messages.some((m) => m.includes('done waiting'))).toBe(false);
    expect(messages.find((m) => m.startsWith('REPORT '))).toMatch(/\tStatus: timeout\t\n$/);
  });

  it('logs an invocation error with its stack, as the runtime does', async () => {
    const name = uniqueName('error-logs');
    await createNodeFunction(env.lambda, name, { 'index.js': `exports.handler = async () => { throw new RangeError('value out of range'); };` });
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    const id = out.$metadata.requestId!;
    const events = await eventsOf(`/aws/lambda/${name}`, (evs) => evs.some((e) => e.message!.startsWith('REPORT ')));
    const line = events.map((e) => e.message!).find((m) => m.includes(`\t${id}\tERROR\tInvoke Error `));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!.slice(line!.indexOf('\t{')).trim());
    expect(logged).toMatchObject({ errorType: 'RangeError', errorMessage: 'value out of range' });
    expect(logged.stack[0]).toBe('RangeError: value out of range');
  });
});
