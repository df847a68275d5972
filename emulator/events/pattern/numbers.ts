import { PatternSyntaxError } from './pattern-reader';

/**
 * Numbers as EventBridge compares them. AWS documents numeric matching as limited to values
 * between -5.0e9 and +5.0e9 inclusive, with 15 digits of precision or six digits to the right of
 * the decimal point: the rule engine turns each number into the integer
 * trunc(1e6 * (5e9 + n)) and compares those. Numbers with the same key are equal (5, 5.0 and
 * 5.0000001 all are), and numbers outside the range cannot be compared numerically at all: in an
 * event they only ever match a number pattern by their text, and in a pattern they are refused.
 */

export const NUMBER_LIMIT = 5e9;

/** The message the rule compiler gives for a numeric operand outside the range (Java's rendering of ±5e9). */
export const OUT_OF_RANGE_MESSAGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

/** The comparable key of a number in range, or undefined when it has none. */
export function comparableKey(n: number): number | undefined {
  if (!(n >= -NUMBER_LIMIT && n <= NUMBER_LIMIT)) return undefined;
  // Same double arithmetic and truncation as the Java (long) cast, so keys agree bit for bit.
  return Math.trunc(1e6 * (NUMBER_LIMIT + n));
}

/** Key of a pattern's number text; throws the compiler's message when out of range. */
export function requireComparableKey(text: string): number {
  const key = comparableKey(Number(text));
  if (key === undefined) throw new PatternSyntaxError(OUT_OF_RANGE_MESSAGE);
  return key;
}

/** The key of an event value, when it is a number in range. */
export function eventKey(v: unknown): number | undefined {
  return typeof v === 'number' ? comparableKey(v) : undefined;
}
