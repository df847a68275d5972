import { TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';
import { loadConformanceCases } from './testing';

const cases = loadConformanceCases();

const env = useEmulator();

describe('TestEventPattern over the wire against the AWS-recorded conformance cases', () => {
  it('has all 116 cases', () => {
    expect(cases).toHaveLength(116);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const call = env.events.send(new TestEventPatternCommand({ Event: c.event, EventPattern: c.pattern }));
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
