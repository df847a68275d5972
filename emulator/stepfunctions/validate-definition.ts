import aslValidator from 'asl-validator';
import { AwsError } from '../core/aws-error';
import { jacksonParseError } from './jackson-errors';
import { queryLanguageProblems } from './query-language';

/** A parsed, validated Amazon States Language definition. */
export type AslDefinition = Record<string, unknown> & { StartAt: string; States: Record<string, AslState> };
export type AslState = Record<string, unknown> & { Type: string };

interface ValidatorError {
  'Error code': string;
  Message: string;
  schemaError?: { instancePath: string; schemaPath: string };
}

// The validator compiles its JSON schemas on every call (about 100 ms); a definition already found
// valid is not checked again. Bounded so a long-running emulator does not grow without limit.
const validDefinitions = new Map<string, AslDefinition>();
const MAX_REMEMBERED = 256;

/**
 * Parses and checks a definition as CreateStateMachine and UpdateStateMachine do, throwing
 * `InvalidDefinition` with AWS's message form: `Invalid State Machine Definition: '<CODE>: <reason>
 * at <path>'`, several problems separated by commas.
 */
export function parseDefinition(definition: string): AslDefinition {
  const known = validDefinitions.get(definition);
  if (known) return structuredClone(known);
  const parsed = checkDefinition(definition);
  if (validDefinitions.size >= MAX_REMEMBERED) validDefinitions.delete(validDefinitions.keys().next().value!);
  validDefinitions.set(definition, parsed);
  return structuredClone(parsed);
}

function checkDefinition(definition: string): AslDefinition {
  if (definition.trim() === '') throw invalidDefinition(['SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object']);
  const notJson = jacksonParseError(definition);
  if (notJson !== undefined) throw invalidDefinition([`INVALID_JSON_DESCRIPTION: ${notJson}`]);
  const parsed: unknown = JSON.parse(definition);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidDefinition(['SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object']);
  }
  // The validator stops at the first missing member; AWS names every one, in this order.
  const missing = ['States', 'StartAt'].filter((field) => !Object.hasOwn(parsed as object, field));
  if (missing.length > 0) throw invalidDefinition([`SCHEMA_VALIDATION_FAILED: These fields are required: [${missing.join(', ')}] at /`]);
  const languageProblems = queryLanguageProblems(parsed as AslDefinition);
  if (languageProblems.length > 0) throw invalidDefinition(languageProblems);
  // The validator writes default QueryLanguage fields into what it checks: give it a copy.
  const result = aslValidator(structuredClone(parsed), { checkPaths: true, checkArn: true });
  const problems = describeProblems(result.errors, parsed);
  if (!result.isValid && problems.length > 0) throw invalidDefinition(problems);
  // Every complaint left was one of the validator's false ones (see describeProblems).
  if (!result.isValid && result.errors.every((e) => e.schemaError)) return parsed as AslDefinition;
  if (!result.isValid) throw invalidDefinition([result.errorsText(', ')]);
  return parsed as AslDefinition;
}

function invalidDefinition(problems: string[]): AwsError {
  return new AwsError('InvalidDefinition', `Invalid State Machine Definition: '${problems.join(', ')}'`);
}

function describeProblems(errors: ValidatorError[], definition: object): string[] {
  const required = new Map<string, string[]>();
  const problems: string[] = [];
  for (const error of errors) {
    const schema = error.schemaError;
    if (!schema) {
      problems.push(`${error['Error code']}: ${error.Message}`);
      continue;
    }
    const path = schema.instancePath || '/';
    // The validator's own QueryLanguage defaults fail the JSONata branch of its schema; those
    // failures say nothing about what the user wrote.
    if (path.endsWith('/QueryLanguage') && !hasPointer(definition, path)) continue;
    // Its schema knows only object Output and Assign values; AWS takes any JSON value there, and
    // the failed oneOf then also reports the state's Type.
    if (/\/(Output|Assign|Arguments)(\/|$)/.test(path)) continue;
    if (path.endsWith('/Type') && error.Message.includes('allowed values') && usesJsonataFields(definition, path)) continue;
    const missing = /must have required property '([^']+)'/.exec(error.Message);
    if (missing) {
      required.set(path, [...(required.get(path) ?? []), missing[1]!]);
      continue;
    }
    const reason = error.Message.replace(/^.*? is invalid\. /, '');
    problems.push(`${error['Error code']}: ${reason} at ${path}`);
  }
  const requiredProblems = [...required].map(([path, fields]) => `SCHEMA_VALIDATION_FAILED: These fields are required: [${fields.join(', ')}] at ${path}`);
  return [...requiredProblems, ...problems];
}

/** Whether the state owning this `/Type` pointer has a field the validator's schema misreads. */
function usesJsonataFields(root: object, typePointer: string): boolean {
  const state = valueAt(root, typePointer.slice(0, -'/Type'.length));
  return !!state && typeof state === 'object' && ['Output', 'Assign', 'Arguments'].some((f) => Object.hasOwn(state, f));
}

function valueAt(root: object, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function hasPointer(root: object, pointer: string): boolean {
  return valueAt(root, pointer) !== undefined;
}
