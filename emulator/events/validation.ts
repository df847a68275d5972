import { AwsError, validationError } from '../core/aws-error';

/**
 * Constraint checks as AWS's Coral front end makes them before an operation runs: every broken
 * constraint of the request is collected and reported in one `ValidationException`
 * ("N validation errors detected: Value 'x' at 'path' failed to satisfy constraint: ..."), in
 * the order of the request's members, with the member paths in lowerCamelCase.
 */
export class Violations {
  private readonly found: string[] = [];

  /** The value as Coral prints it inside `Value '...'`. */
  static show(value: unknown): string {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `[${value.map((v) => Violations.show(v)).join(', ')}]`;
    return JSON.stringify(value);
  }

  add(value: unknown, path: string, constraint: string): void {
    this.found.push(
      value === undefined || value === null
        ? `Value null at '${path}' failed to satisfy constraint: ${constraint}`
        : `Value '${Violations.show(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
    );
  }

  required(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.add(null, path, 'Member must not be null');
      return false;
    }
    return true;
  }

  string(value: unknown, path: string, rules: { required?: boolean; min?: number; max?: number; pattern?: RegExp; patternText?: string } = {}): void {
    if (value === undefined || value === null) {
      if (rules.required) this.required(value, path);
      return;
    }
    if (typeof value !== 'string') throw serialization(path);
    if (rules.pattern && !rules.pattern.test(value)) {
      this.add(value, path, `Member must satisfy regular expression pattern: ${rules.patternText ?? rules.pattern.source}`);
    }
    if (rules.min !== undefined && value.length < rules.min) {
      this.add(value, path, `Member must have length greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.add(value, path, `Member must have length less than or equal to ${rules.max}`);
    }
  }

  enumeration(value: unknown, path: string, allowed: readonly string[], rules: { required?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (rules.required) this.required(value, path);
      return;
    }
    if (typeof value !== 'string') throw serialization(path);
    if (!allowed.includes(value)) this.add(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }

  integer(value: unknown, path: string, rules: { required?: boolean; min?: number; max?: number } = {}): void {
    if (value === undefined || value === null) {
      if (rules.required) this.required(value, path);
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(path);
    if (rules.min !== undefined && value < rules.min) this.add(String(value), path, `Member must have value greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value > rules.max) this.add(String(value), path, `Member must have value less than or equal to ${rules.max}`);
  }

  /** Length bounds of a list; `shown` renders the list the way AWS echoes it. */
  list(value: unknown, path: string, rules: { required?: boolean; min?: number; max?: number; shown?: (list: unknown[]) => string } = {}): value is unknown[] {
    if (value === undefined || value === null) {
      if (rules.required) this.required(value, path);
      return false;
    }
    if (!Array.isArray(value)) throw serialization(path);
    const shown = () => (rules.shown ? rules.shown(value) : value);
    if (rules.min !== undefined && value.length < rules.min) this.add(shown(), path, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value.length > rules.max) this.add(shown(), path, `Member must have length less than or equal to ${rules.max}`);
    return true;
  }

  get count(): number {
    return this.found.length;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw validationError(this.found);
  }
}

/** A member of the wrong JSON type: AWS's JSON front end answers `SerializationException`. */
export function serialization(path: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for member '${path}'`);
}

/** A structure member that must be a JSON object when present. */
export function objectOrUndefined(value: unknown, path: string): Record<string, any> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw serialization(path);
  return value as Record<string, any>;
}

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message);
}

// Shapes of the events service model (botocore events-2015-10-07).
export const NAME_PATTERN = /^[\.\-_A-Za-z0-9]+$/;
export const NAME_PATTERN_TEXT = '[\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_PATTERN = /^[/\.\-_A-Za-z0-9]+$/;
export const BUS_NAME_PATTERN_TEXT = '[/\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_OR_ARN_PATTERN = /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+$/;
export const BUS_NAME_OR_ARN_PATTERN_TEXT = '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';
export const NON_PARTNER_BUS_PATTERN = /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[\.\-_A-Za-z0-9]+$/;
export const NON_PARTNER_BUS_PATTERN_TEXT = '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+';

/** `EventBusName` as a name-or-ARN member (rules and targets operations). */
export function checkBusNameOrArn(v: Violations, value: unknown, path = 'eventBusName'): void {
  v.string(value, path, { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN, patternText: BUS_NAME_OR_ARN_PATTERN_TEXT });
}

export function checkRuleName(v: Violations, value: unknown, path: string, required = true): void {
  v.string(value, path, { required, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
}

export function checkLimit(v: Violations, value: unknown): void {
  v.integer(value, 'limit', { min: 1, max: 100 });
}

export function checkNextToken(v: Violations, value: unknown): void {
  v.string(value, 'nextToken', { min: 1, max: 2048 });
}
