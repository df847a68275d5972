import { readFileSync } from 'node:fs';
import { TestEventPatternCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../server';
import { startEventsEmulator } from './test-client';

interface ConformanceCase {
  name: string;
  event: string;
  pattern: string;
  expect: 'match' | 'no-match' | 'error';
  error?: { code: string; message: string };
}

// Recorded against AWS TestEventPattern (see conformance/NOTICE).
const cases = JSON.parse(readFileSync(new URL('./conformance/event-patterns.json', import.meta.url), 'utf8')) as ConformanceCase[];

let emulator: RunningEmulator;
let events: EventBridgeClient;

beforeAll(async () => {
  ({ emulator, events } = await startEventsEmulator());
});
afterAll(async () => {
  events.destroy();
  await emulator.stop();
});

describe('TestEventPattern over the wire against the AWS-recorded conformance cases', () => {
  it('has all 116 cases', () => {
    expect(cases).toHaveLength(116);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const call = events.send(new TestEventPatternCommand({ Event: c.event, EventPattern: c.pattern }));
    if (c.expect === 'error') {
      const err = (await call.then(
        () => undefined,
        (e: unknown) => e,
      )) as { name: string; message: string; $metadata: { httpStatusCode?: number } } | undefined;
      expect(err, 'AWS answered an error').toBeDefined();
      expect({ code: err!.name, message: err!.message }).toEqual(c.error);
      expect(err!.$metadata.httpStatusCode).toBe(400);
      return;
    }
    const out = await call;
    expect(out.Result).toBe(c.expect === 'match');
  });
});
