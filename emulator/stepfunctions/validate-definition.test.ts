import { describe, expect, it } from 'vitest';
import { parseDefinition } from './validate-definition';

function messageOf(definition: string): string {
  try {
    parseDefinition(definition);
  } catch (err) {
    expect((err as { code?: string }).code).toBe('InvalidDefinition');
    return (err as Error).message;
  }
  throw new Error('definition was accepted');
}

describe('parseDefinition', () => {
  it('accepts a valid definition and returns it parsed', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(parseDefinition(JSON.stringify(def))).toEqual(def);
  });

  it('names missing top-level fields as AWS does', () => {
    expect(messageOf('{"StartAt":"A"}')).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
    expect(messageOf('{}')).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'");
  });

  it('reports text that is not JSON as INVALID_JSON_DESCRIPTION', () => {
    expect(messageOf('not a definition')).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /);
  });

  it('reports a JSON value that is not an object', () => {
    expect(messageOf('[]')).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'");
  });

  it('reports a missing transition target and an unreachable state', () => {
    expect(messageOf(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }))).toContain('MISSING_TRANSITION_TARGET');
    expect(messageOf(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true }, U: { Type: 'Succeed' } } }))).toContain('State U is not reachable');
  });

  it('reports an unknown state type at its path, without noise from defaults the validator adds', () => {
    const message = messageOf(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Bogus', End: true } } }));
    expect(message).toContain('SCHEMA_VALIDATION_FAILED: must be equal to one of the allowed values at /States/A/Type');
    expect(message).not.toContain('QueryLanguage');
  });

  it('leaves the caller its definition unchanged (the validator mutates what it checks)', () => {
    const parsed = parseDefinition(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }));
    expect(parsed.States.A).not.toHaveProperty('QueryLanguage');
  });
});

describe('QueryLanguage at CreateStateMachine', () => {
  it("refuses a JSONPath state in a JSONata machine in AWS's words", () => {
    const message = messageOf(JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Pass', States: { Pass: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }));
    expect(message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/Pass'");
  });

  it('refuses fields of the other language and accepts any JSON value as a JSONata Output', () => {
    expect(messageOf(JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.a', End: true } } }))).toContain(
      "The field 'InputPath' is not supported when the QueryLanguage is 'JSONata' at /States/P",
    );
    const output = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: 42, End: true } } };
    expect(parseDefinition(JSON.stringify(output))).toEqual(output);
  });

  it("refuses text that is not JSON in Jackson's words, and an empty definition as not an object", () => {
    expect(messageOf('not a definition')).toBe(
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)"not a definition"; line: 1, column: 4]'`,
    );
    expect(messageOf(' ')).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'");
  });
});
