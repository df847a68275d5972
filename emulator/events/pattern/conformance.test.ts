import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/aws-error';
import { compilePattern } from './index';

interface ConformanceCase {
  name: string;
  event: string;
  pattern: string;
  expect: 'match' | 'no-match' | 'error';
  error?: { code: string; message: string };
}

// Recorded against AWS TestEventPattern (see ../conformance/NOTICE).
const cases = JSON.parse(readFileSync(new URL('../conformance/event-patterns.json', import.meta.url), 'utf8')) as ConformanceCase[];

describe('event patterns against the AWS-recorded conformance cases', () => {
  it('has all 116 cases', () => {
    expect(cases).toHaveLength(116);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (c.expect === 'error') {
      let thrown: unknown;
      try {
        compilePattern(c.pattern);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(AwsError);
      const err = thrown as AwsError;
      expect({ code: err.code, message: err.message }).toEqual(c.error);
      return;
    }
    const compiled = compilePattern(c.pattern);
    expect(compiled.source).toBe(c.pattern);
    expect(compiled.matches(JSON.parse(c.event))).toBe(c.expect === 'match');
  });
});
