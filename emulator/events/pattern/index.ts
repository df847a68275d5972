import { AwsError } from '../../core/aws-error';

/**
 * The event-pattern engine's contract (placeholder implementation: exact top-level strings only).
 * compilePattern validates a pattern as AWS does at PutRule/TestEventPattern, throwing
 * AwsError('InvalidEventPatternException', <AWS's message>) when it is invalid.
 */
export interface CompiledPattern {
  readonly source: string;
  matches(event: unknown): boolean;
}

export function compilePattern(patternText: string): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(patternText);
  } catch {
    throw new AwsError('InvalidEventPatternException', 'Event pattern is not valid. Reason: Filter is not an object');
  }
  const pattern = parsed as Record<string, unknown[]>;
  return {
    source: patternText,
    matches(event: unknown) {
      const e = event as Record<string, unknown>;
      return Object.entries(pattern).every(([k, v]) => Array.isArray(v) && v.includes(e[k]));
    },
  };
}

/** Many patterns on one bus: finds the ids whose pattern matches an event. */
export class PatternIndex<Id> {
  private readonly patterns = new Map<Id, CompiledPattern>();
  add(id: Id, pattern: CompiledPattern): void {
    this.patterns.set(id, pattern);
  }
  remove(id: Id): void {
    this.patterns.delete(id);
  }
  match(event: unknown): Id[] {
    return [...this.patterns].filter(([, p]) => p.matches(event)).map(([id]) => id);
  }
}
