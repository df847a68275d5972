import { AwsError } from '../core/aws-error';
import { compilePattern, explainMismatch } from '../events/pattern';

/** `POST /_testbed/explain`: whether an event matches a pattern and, when it does not, why. */
export const EXPLAIN_PATH = '/_testbed/explain';

export class BadInput extends Error {}

/**
 * Answers `{ matched, reason }` for a body `{ pattern, event }`, each a JSON object or a JSON
 * text of one. Bad input throws BadInput with one sentence naming the problem.
 */
export function explainRequest(body: string): { matched: boolean; reason?: string } {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    throw new BadInput('The body must be a JSON object { "pattern": ..., "event": ... }.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new BadInput('The body must be a JSON object { "pattern": ..., "event": ... }.');
  const { pattern, event } = input as Record<string, unknown>;
  const patternText = jsonObjectText(pattern, 'pattern');
  const eventValue = JSON.parse(jsonObjectText(event, 'event'));
  let compiled;
  try {
    compiled = compilePattern(patternText);
  } catch (err) {
    if (err instanceof AwsError) throw new BadInput(`pattern: ${err.message}`);
    throw err;
  }
  const reason = explainMismatch(compiled, eventValue);
  return reason === undefined ? { matched: true } : { matched: false, reason };
}

/** A member that must be a JSON object, given as one or as its text; its text. */
function jsonObjectText(value: unknown, name: string): string {
  if (value === undefined) throw new BadInput(`${name} is missing.`);
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new BadInput(`${name} is not valid JSON: ${(err as Error).message}.`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadInput(`${name} must be a JSON object.`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
