import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/aws-error';
import { loadConformanceCases } from '../testing';
import { compilePattern } from './index';

const cases = loadConformanceCases();

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
