import { describe, expect, it } from 'vitest';
import { AwsError } from '../core/aws-error';
import { boolean, compileInput, enumOf, integer, list, long, map, required, string, structure, type Dialect, type Members } from './validation';

const EVENTS: Dialect = { exception: 'ValidationException', wrongType: 'serialization' };
const LOGS: Dialect = { exception: 'InvalidParameterException', wrongType: 'serialization' };
const SFN: Dialect = { exception: 'ValidationException', wrongType: 'violation' };

function errorOf(members: Members, input: Record<string, unknown>, dialect: Dialect): AwsError | undefined {
  try {
    compileInput(members, dialect)(input);
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  return undefined;
}

const one = (violation: string) => `1 validation error detected: ${violation}`;

// One row per constraint kind: the shape, a failing input and AWS's wording, in each dialect.
const rows: Array<[kind: string, members: Members, input: Record<string, unknown>, message: string]> = [
  ['required member', { Name: required(string()) }, {}, one("Value null at 'name' failed to satisfy constraint: Member must not be null")],
  ['minimum length', { Name: string({ min: 1 }) }, { Name: '' }, one("Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1")],
  ['maximum length', { Name: string({ max: 64 }) }, { Name: 'x'.repeat(65) }, one(`Value '${'x'.repeat(65)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64`)],
  ['pattern', { Name: string({ pattern: '[a-z]+' }) }, { Name: 'A!' }, one("Value 'A!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+")],
  ['enum', { State: enumOf(['ENABLED', 'DISABLED']) }, { State: 'ON' }, one("Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]")],
  ['minimum value', { Limit: integer({ min: 1 }) }, { Limit: 0 }, one("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")],
  ['maximum value', { Limit: integer({ max: 100 }) }, { Limit: 101 }, one("Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")],
  ['numeric enum', { Days: integer({ values: [1, 3] }) }, { Days: 2 }, one("Value '2' at 'days' failed to satisfy constraint: Member must satisfy enum value set: [1, 3]")],
  ['list length', { Ids: list(string(), { max: 1 }) }, { Ids: ['a', 'b'] }, one("Value '[a, b]' at 'ids' failed to satisfy constraint: Member must have length less than or equal to 1")],
  ['map size', { Tags: map({ min: 1 }) }, { Tags: {} }, one("Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")],
  [
    'list member reported on the whole list',
    { Architectures: list(enumOf(['x86_64', 'arm64'], { required: true }), { max: 1, memberErrors: 'whole' }) },
    { Architectures: ['sparc'] },
    one("Value '[sparc]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"),
  ],
  [
    'nested member path',
    { Targets: list(structure({ RetryPolicy: structure({ MaximumRetryAttempts: integer({ max: 185 }) }) })) },
    { Targets: [{}, { RetryPolicy: { MaximumRetryAttempts: 200 } }] },
    one("Value '200' at 'targets.2.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185"),
  ],
  [
    'every violation, pattern before length, in member order',
    { Name: string({ max: 3, pattern: '[a-z]+' }), State: required(enumOf(['A'])) },
    { Name: 'ABCD' },
    "3 validation errors detected: Value 'ABCD' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
      "Value 'ABCD' at 'name' failed to satisfy constraint: Member must have length less than or equal to 3; " +
      "Value null at 'state' failed to satisfy constraint: Member must not be null",
  ],
];

describe('the validation front end', () => {
  for (const [dialect, name] of [
    [EVENTS, 'ValidationException'],
    [LOGS, 'InvalidParameterException'],
  ] as const) {
    describe(`as ${name}`, () => {
      it.each(rows)('%s', (_kind, members, input, message) => {
        const err = errorOf(members, input, dialect);
        expect(err).toMatchObject({ code: name, statusCode: 400, message });
      });
    });
  }

  it('lets a valid input through, unknown members included', () => {
    const members = { Name: required(string({ min: 1, max: 3 })), Flag: boolean(), At: long({ min: 0 }), Tags: map({ key: string({ max: 2 }) }) };
    expect(errorOf(members, { Name: 'abc', Flag: true, At: 5, Tags: { ab: 'x' }, Extra: [1] }, EVENTS)).toBeUndefined();
  });

  // A value of the wrong JSON type: Coral's SerializationException, or a violation, per service.
  const wrongTypes: Array<[shape: Members, input: Record<string, unknown>, message: string]> = [
    [{ Limit: integer() }, { Limit: '5' }, 'STRING_VALUE cannot be converted to Integer'],
    [{ At: long() }, { At: 1.5 }, 'DECIMAL_VALUE cannot be converted to Long'],
    [{ Name: string() }, { Name: 5 }, 'NUMBER_VALUE cannot be converted to String'],
    [{ Name: string() }, { Name: {} }, 'Start of structure or map found where not expected'],
    [{ Flag: boolean() }, { Flag: 'yes' }, 'Unexpected token received from parser'],
    [{ Ids: list(string()) }, { Ids: 'x' }, 'Unexpected field type'],
    [{ Tags: map() }, { Tags: [] }, 'Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>'],
  ];
  it.each(wrongTypes)('answers a wrong JSON type with SerializationException: %j %j', (members, input, message) => {
    expect(errorOf(members, input, LOGS)).toMatchObject({ code: 'SerializationException', message });
  });

  it('reports a wrong JSON type as a violation where the service does so', () => {
    expect(errorOf({ Name: string() }, { Name: 5 }, SFN)).toMatchObject({
      code: 'ValidationException',
      message: one("Value '5' at 'name' failed to satisfy constraint: Member must be a string"),
    });
  });

  it('echoes a list the way the shape says AWS does', () => {
    const members = { Entries: list(undefined, { max: 1, shown: (l: unknown[]) => `[${l.length} entries]` }) };
    expect(errorOf(members, { Entries: [1, 2] }, EVENTS)?.message).toBe(one("Value '[2 entries]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 1"));
  });
});
