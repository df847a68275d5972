import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from './emulator-fixture';
import { eventPatternProperty, filterPatternProperty, inputTransformerProperty, operationProperty } from './fuzz-properties';

// A few hundred inputs each here; `npm run bench -- fuzz` runs over 100,000.
const env = useEmulator();

describe('generated input: an answer or AWS’s own error, never a crash', () => {
  it('event patterns', () => fc.assert(eventPatternProperty, { numRuns: 300 }));
  it('CloudWatch Logs filter patterns', () => fc.assert(filterPatternProperty, { numRuns: 300 }));
  it('InputTransformer paths and templates', () => fc.assert(inputTransformerProperty, { numRuns: 300 }));
  it('the operation tables behind the wire (EventBridge, CloudWatch Logs, SQS)', () => fc.assert(operationProperty(env.emulator.hub), { numRuns: 300 }));
});
