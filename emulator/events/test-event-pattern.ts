import { compilePattern } from './pattern';
import type { Operations } from './runtime';
import { Violations, validation } from './validation';

/** The members AWS requires of the event TestEventPattern is given (`resources` is not one). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPatternOperations(): Operations {
  return {
    TestEventPattern(input: any) {
      const v = new Violations();
      v.string(input.EventPattern, 'eventPattern', { required: true, max: 4096 });
      v.string(input.Event, 'event', { required: true });
      v.throwIfAny();
      let event: unknown;
      try {
        event = JSON.parse(input.Event);
      } catch {
        throw validation('Parameter Event is not valid.');
      }
      if (event === null || typeof event !== 'object' || Array.isArray(event) || !REQUIRED_EVENT_FIELDS.every((f) => f in event)) {
        throw validation('Parameter Event is not valid.');
      }
      return { Result: compilePattern(input.EventPattern).matches(event) };
    },
  };
}
