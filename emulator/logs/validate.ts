import { AwsError, nullViolation, validationError } from '../core/aws-error';

/**
 * Input constraints from the CloudWatch Logs model (botocore `logs/2014-03-28`), checked the way
 * AWS's front end checks them: every violation collected, reported in one message, and, unlike
 * most services, as `InvalidParameterException` rather than `ValidationException`.
 */
export type Rule =
  | { type: 'string'; required?: boolean; min?: number; max?: number; pattern?: string }
  | { type: 'number'; required?: boolean; min?: number; max?: number; values?: readonly number[]; /** A `long` in the model, not an `integer`. */ long?: boolean }
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

/**
 * A member of the wrong JSON type, answered as AWS's Coral front end answers it (the same messages
 * dynalite reproduces for DynamoDB, which shares that front end).
 */
function wrongType(value: unknown, javaType: 'String' | 'Integer' | 'Long' | 'Boolean' | 'List' | 'Map'): AwsError {
  const scalar = (v: number | boolean | string): string =>
    typeof v === 'number'
      ? `${Number.isInteger(v) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${javaType}`
      : typeof v === 'boolean'
        ? `${v ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to ${javaType}`
        : javaType === 'Boolean'
          ? 'Unexpected token received from parser'
          : `STRING_VALUE cannot be converted to ${javaType}`;
  let message: string;
  if (javaType === 'List') message = typeof value === 'object' ? 'Start of structure or map found where not expected' : 'Unexpected field type';
  else if (javaType === 'Map') message = Array.isArray(value) ? 'Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>' : 'Unexpected field type';
  else if (Array.isArray(value)) message = `Unrecognized collection type class java.lang.${javaType}`;
  else if (typeof value === 'object') message = 'Start of structure or map found where not expected';
  else message = scalar(value as number | boolean | string);
  return new AwsError('SerializationException', message);
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
      if (typeof value !== 'string') throw wrongType(value, 'String');
      if (rule.type === 'enum') {
        if (!rule.values.includes(value)) out.push(`${at} Member must satisfy enum value set: [${rule.values.join(', ')}]`);
        return;
      }
      if (rule.min !== undefined && value.length < rule.min) out.push(`${at} Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max) out.push(`${at} Member must have length less than or equal to ${rule.max}`);
      if (rule.pattern !== undefined && !fullMatch(rule.pattern).test(value)) out.push(`${at} Member must satisfy regular expression pattern: ${rule.pattern}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(value, rule.long ? 'Long' : 'Integer');
      if (rule.values && !rule.values.includes(value)) out.push(`${at} Member must satisfy enum value set: [${rule.values.join(', ')}]`);
      if (rule.min !== undefined && value < rule.min) out.push(`${at} Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) out.push(`${at} Member must have value less than or equal to ${rule.max}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(value, 'Boolean');
      return;
    case 'list':
      if (!Array.isArray(value)) throw wrongType(value, 'List');
      if (rule.min !== undefined && value.length < rule.min) out.push(`${at} Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max) out.push(`${at} Member must have length less than or equal to ${rule.max}`);
      if (rule.item) value.forEach((item, i) => checkValue(`${path}.${i + 1}.member`, item, rule.item!, out));
      return;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'Map');
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
export const TIMESTAMP = { type: 'number', min: 0, long: true } as const; // Timestamp

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
