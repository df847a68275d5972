import { AwsError, nullViolation, validationError } from '../core/aws-error';

/**
 * Input constraints from the CloudWatch Logs model (botocore `logs/2014-03-28`), checked the way
 * AWS's front end checks them: every violation collected, reported in one message, and, unlike
 * most services, as `InvalidParameterException` rather than `ValidationException`.
 */
export type Rule =
  | { type: 'string'; required?: boolean; min?: number; max?: number; pattern?: string }
  | { type: 'number'; required?: boolean; min?: number; max?: number; values?: readonly number[] }
  | { type: 'boolean'; required?: boolean }
  | { type: 'enum'; required?: boolean; values: readonly string[] }
  | { type: 'list'; required?: boolean; min?: number; max?: number; item?: Rule }
  | { type: 'map'; required?: boolean; min?: number; max?: number };

export type Rules = Record<string, Rule>;

const compiled = new Map<string, RegExp>();
function fullMatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

/** How Coral prints a value inside a violation. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (typeof value === 'object' && value !== null) return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function serialization(path: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for '${path}'.`);
}

export function checkValue(path: string, value: unknown, rule: Rule, out: string[]): void {
  if (value === undefined || value === null) {
    if (rule.required) out.push(nullViolation(path));
    return;
  }
  const at = `Value ${show(value)} at '${path}' failed to satisfy constraint:`;
  switch (rule.type) {
    case 'string':
    case 'enum':
      if (typeof value !== 'string') throw serialization(path);
      if (rule.type === 'enum') {
        if (!rule.values.includes(value)) out.push(`${at} Member must satisfy enum value set: [${rule.values.join(', ')}]`);
        return;
      }
      if (rule.min !== undefined && value.length < rule.min) out.push(`${at} Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max) out.push(`${at} Member must have length less than or equal to ${rule.max}`);
      if (rule.pattern !== undefined && !fullMatch(rule.pattern).test(value)) out.push(`${at} Member must satisfy regular expression pattern: ${rule.pattern}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(path);
      if (rule.values && !rule.values.includes(value)) out.push(`${at} Member must satisfy enum value set: [${rule.values.join(', ')}]`);
      if (rule.min !== undefined && value < rule.min) out.push(`${at} Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) out.push(`${at} Member must have value less than or equal to ${rule.max}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw serialization(path);
      return;
    case 'list':
      if (!Array.isArray(value)) throw serialization(path);
      if (rule.min !== undefined && value.length < rule.min) out.push(`${at} Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max) out.push(`${at} Member must have length less than or equal to ${rule.max}`);
      if (rule.item) value.forEach((item, i) => checkValue(`${path}.${i + 1}.member`, item, rule.item!, out));
      return;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw serialization(path);
      const size = Object.keys(value).length;
      if (rule.min !== undefined && size < rule.min) out.push(`${at} Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && size > rule.max) out.push(`${at} Member must have length less than or equal to ${rule.max}`);
      return;
    }
  }
}

/** Checks `input` against `rules`; throws one InvalidParameterException listing every violation. */
export function validate(input: Record<string, unknown>, rules: Rules): void {
  const violations: string[] = [];
  for (const [name, rule] of Object.entries(rules)) checkValue(name, input[name], rule, violations);
  if (violations.length > 0) throw validationError(violations, 'InvalidParameterException');
}

// Shapes shared by several operations (botocore names in comments).
export const LOG_GROUP_NAME = { type: 'string', min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' } as const; // LogGroupName
export const LOG_STREAM_NAME = { type: 'string', min: 1, max: 512, pattern: '[^:*]*' } as const; // LogStreamName
export const LOG_GROUP_IDENTIFIER = { type: 'string', min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' } as const; // LogGroupIdentifier
export const NEXT_TOKEN = { type: 'string', min: 1 } as const; // NextToken
export const DESCRIBE_LIMIT = { type: 'number', min: 1, max: 50 } as const; // DescribeLimit
export const EVENTS_LIMIT = { type: 'number', min: 1, max: 10000 } as const; // EventsLimit
export const TIMESTAMP = { type: 'number', min: 0 } as const; // Timestamp

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

export const INVALID_TOKEN = 'The specified nextToken is invalid.';

/** Opaque paging tokens: base64url JSON, rejected with AWS's message when they do not decode. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string, check: (value: any) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter(INVALID_TOKEN);
  }
  if (!check(value)) throw invalidParameter(INVALID_TOKEN);
  return value;
}
