import { required, string, type InputOf } from '../protocol/validation';
import { compilePattern } from './pattern';
import { validation } from './shapes';

/** The members AWS requires of the event TestEventPattern is given (`resources` is not one). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const TestEventPatternInput = { EventPattern: required(string({ max: 4096 })), Event: required(string()) };
export function testEventPattern(_rt: unknown, input: InputOf<typeof TestEventPatternInput>) {
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
}
