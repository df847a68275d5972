import { runtimeError } from './errors';
import { queryPath, type Json, type PathScope } from './jsonpath';

/**
 * A JSONPath Choice rule: And/Or/Not, and every comparison operator on `Variable`. Type tests
 * (`IsNull`, `IsString`, ...) compare the test's outcome with the operand, so `IsNull: false`
 * matches any value that is not null; `IsPresent` is the only one that accepts a missing variable.
 */
export function evaluateRule(rule: Record<string, unknown>, input: Json, scope: PathScope): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Record<string, unknown>[]).every((r) => evaluateRule(r, input, scope));
  if (Array.isArray(rule.Or)) return (rule.Or as Record<string, unknown>[]).some((r) => evaluateRule(r, input, scope));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateRule(rule.Not as Record<string, unknown>, input, scope);

  const variablePath = rule.Variable as string;
  const value = queryPath(variablePath, input, scope);
  const operator = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment' && k !== 'Assign' && k !== 'Output');
  if (!operator) return false;
  let operand = rule[operator] as Json;
  if (operator === 'IsPresent') return (value !== undefined) === operand;
  if (value === undefined) {
    throw runtimeError(`Invalid path '${variablePath}' : No results for path: ${variablePath}`);
  }
  let op = operator;
  if (op.endsWith('Path')) {
    op = op.slice(0, -4);
    const resolved = queryPath(operand as string, input, scope);
    if (resolved === undefined) throw runtimeError(`Invalid path '${operand as string}' : No results for path: ${operand as string}`);
    operand = resolved;
  }
  switch (op) {
    case 'IsNull':
      return (value === null) === operand;
    case 'IsNumeric':
      return (typeof value === 'number') === operand;
    case 'IsString':
      return (typeof value === 'string') === operand;
    case 'IsBoolean':
      return (typeof value === 'boolean') === operand;
    case 'IsTimestamp':
      return isTimestamp(value) === operand;
    case 'BooleanEquals':
      return typeof value === 'boolean' && value === operand;
    case 'StringMatches':
      return typeof value === 'string' && wildcard(operand as string).test(value);
  }
  const kind = op.startsWith('Numeric') ? 'number' : op.startsWith('String') ? 'string' : op.startsWith('Timestamp') ? 'timestamp' : undefined;
  const relation = op.replace(/^(Numeric|String|Timestamp)/, '');
  let a: number | string;
  let b: number | string;
  if (kind === 'number') {
    if (typeof value !== 'number' || typeof operand !== 'number') return false;
    [a, b] = [value, operand];
  } else if (kind === 'string') {
    if (typeof value !== 'string' || typeof operand !== 'string') return false;
    [a, b] = [value, operand];
  } else if (kind === 'timestamp') {
    if (!isTimestamp(value) || !isTimestamp(operand)) return false;
    [a, b] = [Date.parse(value as string), Date.parse(operand as string)];
  } else {
    return false;
  }
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** StringMatches: `*` is any run of characters, `\*` and `\\` are literal. */
function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]!);
    else if (c === '*') re += '.*';
    else re += escape(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
