import { AwsError } from '../core/aws-error';

/**
 * The validation front end: declarative input shapes per operation, checked the way AWS's Coral
 * front end checks a request before the operation runs. Every broken constraint is collected, in
 * the order the members are declared (the order of the service model), depth first, and reported
 * in one error: "N validation error(s) detected: Value 'x' at 'path' failed to satisfy constraint:
 * ...; ...". Member paths are the model's member names in lowerCamelCase (`targets.1.member.id`).
 *
 * Within one member the checks run in dynalite's and AWS's order: the type, then the pattern,
 * then the lower and upper bounds. A value of the wrong JSON type stops the request at once.
 *
 * Shapes are compiled once (when a service is created), never per request.
 */

export interface StringShape {
  type: 'string';
  required?: boolean;
  min?: number;
  max?: number;
  /** A Java regular expression that must match the whole value; quoted verbatim in the message. */
  pattern?: string;
}
export interface EnumShape {
  type: 'enum';
  required?: boolean;
  values: readonly string[];
  /** The service accepts the values in any case (EventBridge's OAuth `HttpMethod`); the message still lists the model's spelling. */
  ignoreCase?: boolean;
}
export interface NumberShape {
  /** `integer` or `long` in the model; the name appears in the wrong-type message. */
  type: 'integer' | 'long';
  required?: boolean;
  min?: number;
  max?: number;
  /** The model's numeric enum, if it has one. */
  values?: readonly number[];
}
export interface BooleanShape {
  type: 'boolean';
  required?: boolean;
}
/** Raw bytes: a REST payload member (Invoke's `Payload`), a Buffer as the router binds it. */
export interface BlobShape {
  type: 'blob';
  required?: boolean;
}
export interface ListShape {
  type: 'list';
  required?: boolean;
  min?: number;
  max?: number;
  member?: Shape;
  /** How AWS echoes the list inside `Value '...'`, when it is not the plain `[a, b]` form. */
  shown?: (list: unknown[]) => string;
  /**
   * `whole`: a broken member constraint is reported once, on the list itself, as "Member must
   * satisfy constraint: [<the member's constraints>]" (Lambda's `architectures`, API Gateway's
   * `endpointConfiguration.types`); by default each member is reported at `list.N.member`.
   */
  memberErrors?: 'whole';
}
export interface MapShape {
  type: 'map';
  required?: boolean;
  min?: number;
  max?: number;
  /** Checked for each key and value; their violations name the map's own path, as AWS does. */
  key?: Shape;
  value?: Shape;
}
export interface StructureShape {
  type: 'structure';
  required?: boolean;
  members: Members;
}
export type Shape = StringShape | EnumShape | NumberShape | BooleanShape | BlobShape | ListShape | MapShape | StructureShape;
export type Members = Readonly<Record<string, Shape>>;

/** How a service's front end answers: the exception it names and what a wrong JSON type is. */
export interface Dialect {
  /** `ValidationException` for most services; CloudWatch Logs answers `InvalidParameterException`. */
  exception: string;
  /**
   * `serialization`: a member of the wrong JSON type is a `SerializationException` with Coral's
   * message (EventBridge, CloudWatch Logs, DynamoDB). `violation`: it is one more constraint
   * violation, "Member must be a string" (as Step Functions answers).
   */
  wrongType: 'serialization' | 'violation';
}

export const VALIDATION_EXCEPTION: Dialect = { exception: 'ValidationException', wrongType: 'serialization' };

// ---------------------------------------------------------------------------------------------
// Builders. They keep the literal `required: true` in the type so handlers get typed inputs.
// ---------------------------------------------------------------------------------------------

type Options<S> = Omit<S, 'type'>;
export const string = <const O extends Options<StringShape>>(o: O = {} as O) => ({ type: 'string', ...o }) as { type: 'string' } & O;
export const enumOf = <const V extends readonly string[], const O extends Omit<Options<EnumShape>, 'values'> = {}>(values: V, o: O = {} as O) =>
  ({ type: 'enum', values, ...o }) as { type: 'enum'; values: V } & O;
export const integer = <const O extends Options<NumberShape>>(o: O = {} as O) => ({ type: 'integer', ...o }) as { type: 'integer' } & O;
export const long = <const O extends Options<NumberShape>>(o: O = {} as O) => ({ type: 'long', ...o }) as { type: 'long' } & O;
export const boolean = <const O extends Options<BooleanShape>>(o: O = {} as O) => ({ type: 'boolean', ...o }) as { type: 'boolean' } & O;
export const blob = <const O extends Options<BlobShape>>(o: O = {} as O) => ({ type: 'blob', ...o }) as { type: 'blob' } & O;
export const list = <const M extends Shape | undefined, const O extends Omit<Options<ListShape>, 'member'> = {}>(member: M, o: O = {} as O) =>
  ({ type: 'list', member, ...o }) as { type: 'list'; member: M } & O;
export const map = <const O extends Options<MapShape>>(o: O = {} as O) => ({ type: 'map', ...o }) as { type: 'map' } & O;
export const structure = <const M extends Members, const O extends Omit<Options<StructureShape>, 'members'> = {}>(members: M, o: O = {} as O) =>
  ({ type: 'structure', members, ...o }) as { type: 'structure'; members: M } & O;
/** The same shape, required. */
export const required = <const S extends Shape>(shape: S) => ({ ...shape, required: true }) as S & { required: true };

// ---------------------------------------------------------------------------------------------
// The TypeScript type a shape admits once validated: what handlers take.
// ---------------------------------------------------------------------------------------------

type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type TypeOf<S> = S extends { type: 'string' }
  ? string
  : S extends { type: 'enum'; values: readonly (infer V)[] }
    ? V
    : S extends { type: 'integer' | 'long' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'blob' }
          ? Buffer
        : S extends { type: 'list'; member: infer M extends Shape }
          ? TypeOf<M>[]
          : S extends { type: 'list' }
            ? unknown[]
            : S extends { type: 'map'; value: infer V extends Shape }
              ? Record<string, TypeOf<V>>
              : S extends { type: 'map' }
                ? Record<string, string>
                : S extends { type: 'structure'; members: infer M extends Members }
                  ? InputOf<M>
                  : unknown;
type RequiredKeys<M> = { [K in keyof M]: M[K] extends { required: true } ? K : never }[keyof M];
/** The input of an operation whose members are `M`: required members present, the rest optional. */
export type InputOf<M extends Members> = Simplify<
  { -readonly [K in RequiredKeys<M>]: TypeOf<M[K]> } & { -readonly [K in Exclude<keyof M, RequiredKeys<M>>]?: TypeOf<M[K]> }
>;

// ---------------------------------------------------------------------------------------------
// Messages: the one place AWS's constraint wording is spelled out.
// ---------------------------------------------------------------------------------------------

/** A value as Coral prints it inside `Value '...'`. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * One violation as AWS words it; `shown` is the value already rendered, or null. A few messages
 * (Lambda's runtime) show the value without quotes.
 */
export function violation(shown: string | null, path: string, constraint: string, quoted = true): string {
  const value = shown === null ? 'null' : quoted ? `'${shown}'` : shown;
  return `Value ${value} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** The one error for a list of violations: "1 validation error detected: ..." or "N validation errors detected: ...; ...". */
export function validationError(violations: readonly string[], exception = 'ValidationException'): AwsError {
  const n = violations.length;
  return new AwsError(exception, `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

export const constraint = {
  notNull: 'Member must not be null',
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minValue: (n: number) => `Member must have value greater than or equal to ${n}`,
  maxValue: (n: number) => `Member must have value less than or equal to ${n}`,
  enum: (values: readonly (string | number)[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
  type: (javaType: string) => `Member must be ${/^[AEIOU]/.test(javaType) ? 'an' : 'a'} ${javaType.toLowerCase()}`,
  nested: (constraints: readonly string[]) => `Member must satisfy constraint: [${constraints.join(', ')}]`,
};

/** The constraints a list member declares, as AWS lists them inside "Member must satisfy constraint: [...]". */
function declaredConstraints(shape: Shape): string[] {
  const out: string[] = [];
  if (shape.type === 'enum') out.push(constraint.enum(shape.values));
  if (shape.type === 'string') {
    if (shape.pattern !== undefined) out.push(constraint.pattern(shape.pattern));
    if (shape.min !== undefined) out.push(constraint.minLength(shape.min));
    if (shape.max !== undefined) out.push(constraint.maxLength(shape.max));
  }
  if (shape.required) out.push(constraint.notNull);
  return out;
}

type JavaType = 'String' | 'Integer' | 'Long' | 'Boolean' | 'Blob' | 'List' | 'Map' | 'Structure';

/**
 * Coral's `SerializationException` message for a value of the wrong JSON type (the messages
 * dynalite reproduces for DynamoDB, which shares that front end).
 */
function serializationMessage(value: unknown, javaType: JavaType): string {
  if (javaType === 'List') return typeof value === 'object' ? 'Start of structure or map found where not expected' : 'Unexpected field type';
  if (javaType === 'Map') return Array.isArray(value) ? 'Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>' : 'Unexpected field type';
  if (javaType === 'Structure') return Array.isArray(value) ? 'Unrecognized collection type' : 'Unexpected field type';
  if (Array.isArray(value)) return `Unrecognized collection type class java.lang.${javaType}`;
  if (typeof value === 'object') return 'Start of structure or map found where not expected';
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${javaType}`;
  if (typeof value === 'boolean') return `${value ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to ${javaType}`;
  return javaType === 'Boolean' ? 'Unexpected token received from parser' : `STRING_VALUE cannot be converted to ${javaType}`;
}

// ---------------------------------------------------------------------------------------------
// Compilation: a shape becomes a closure that appends violations; nothing is interpreted per call.
// ---------------------------------------------------------------------------------------------

type Check = (value: unknown, path: string, out: string[]) => void;

/** The model's member name as Coral writes it in a path: `EventBusName` -> `eventBusName`. */
export function memberPath(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function fullMatch(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    // Java patterns may escape characters that Unicode-mode JavaScript refuses (`\_`).
    return new RegExp(`^(?:${pattern})$`);
  }
}

function compileShape(shape: Shape, dialect: Dialect): Check {
  const typed = (javaType: JavaType, ok: (v: unknown) => boolean, then: Check): Check => {
    return (value, path, out) => {
      if (value === undefined || value === null) {
        if (shape.required) out.push(violation(null, path, constraint.notNull));
        return;
      }
      if (!ok(value)) {
        if (dialect.wrongType === 'serialization') throw new AwsError('SerializationException', serializationMessage(value, javaType));
        out.push(violation(showValue(value), path, constraint.type(javaType)));
        return;
      }
      then(value, path, out);
    };
  };
  const lengths = (min: number | undefined, max: number | undefined, size: (v: any) => number, shown: (v: any) => string): Check | undefined => {
    if (min === undefined && max === undefined) return undefined;
    return (v, path, out) => {
      const n = size(v);
      if (min !== undefined && n < min) out.push(violation(shown(v), path, constraint.minLength(min)));
      if (max !== undefined && n > max) out.push(violation(shown(v), path, constraint.maxLength(max)));
    };
  };
  const all = (checks: Array<Check | undefined>): Check => {
    const list = checks.filter((c): c is Check => c !== undefined);
    return (v, path, out) => {
      for (const c of list) c(v, path, out);
    };
  };

  switch (shape.type) {
    case 'string': {
      const re = shape.pattern !== undefined ? fullMatch(shape.pattern) : undefined;
      const text = shape.pattern;
      return typed(
        'String',
        (v) => typeof v === 'string',
        all([
          re && ((v, path, out) => void (re.test(v as string) || out.push(violation(v as string, path, constraint.pattern(text!))))),
          lengths(shape.min, shape.max, (v: string) => v.length, (v: string) => v),
        ]),
      );
    }
    case 'enum': {
      const fold = shape.ignoreCase ? (s: string) => s.toUpperCase() : (s: string) => s;
      const allowed = new Set(shape.values.map(fold));
      const message = constraint.enum(shape.values);
      return typed('String', (v) => typeof v === 'string', (v, path, out) => void (allowed.has(fold(v as string)) || out.push(violation(v as string, path, message))));
    }
    case 'integer':
    case 'long': {
      const { min, max, values } = shape;
      return typed(
        shape.type === 'long' ? 'Long' : 'Integer',
        (v) => typeof v === 'number' && Number.isInteger(v),
        (v, path, out) => {
          const n = v as number;
          if (values && !values.includes(n)) out.push(violation(String(n), path, constraint.enum(values)));
          if (min !== undefined && n < min) out.push(violation(String(n), path, constraint.minValue(min)));
          if (max !== undefined && n > max) out.push(violation(String(n), path, constraint.maxValue(max)));
        },
      );
    }
    case 'boolean':
      return typed('Boolean', (v) => typeof v === 'boolean', () => {});
    case 'blob':
      return typed('Blob', (v) => Buffer.isBuffer(v), () => {});
    case 'list': {
      const member = shape.member && compileShape(shape.member, dialect);
      const shown = shape.shown ?? showValue;
      return typed(
        'List',
        Array.isArray,
        all([
          lengths(shape.min, shape.max, (v: unknown[]) => v.length, shown),
          member &&
            (shape.memberErrors === 'whole'
              ? (v, path, out) => {
                  const broken: string[] = [];
                  for (const item of v as unknown[]) member(item, path, broken);
                  if (broken.length > 0) out.push(violation(shown(v as unknown[]), path, constraint.nested(declaredConstraints(shape.member!))));
                }
              : (v, path, out) => {
                  const items = v as unknown[];
                  for (let i = 0; i < items.length; i++) member(items[i], `${path}.${i + 1}.member`, out);
                }),
        ]),
      );
    }
    case 'map': {
      const key = shape.key && compileShape(shape.key, dialect);
      const value = shape.value && compileShape(shape.value, dialect);
      return typed(
        'Map',
        (v) => typeof v === 'object' && !Array.isArray(v),
        all([
          lengths(shape.min, shape.max, (v: object) => Object.keys(v).length, showValue),
          (key || value) &&
            ((v, path, out) => {
              for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
                key?.(k, path, out);
                value?.(item, path, out);
              }
            }),
        ]),
      );
    }
    case 'structure': {
      const members = compileMembers(shape.members, dialect);
      return typed('Structure', (v) => typeof v === 'object' && !Array.isArray(v), (v, path, out) => members(v as Record<string, unknown>, `${path}.`, out));
    }
  }
}

type MembersCheck = (input: Record<string, unknown>, prefix: string, out: string[]) => void;

function compileMembers(members: Members, dialect: Dialect): MembersCheck {
  const checks = Object.entries(members).map(([name, shape]) => ({ name, path: memberPath(name), check: compileShape(shape, dialect) }));
  return (input, prefix, out) => {
    for (const { name, path, check } of checks) check(input[name], prefix === '' ? path : prefix + path, out);
  };
}

/** A compiled validator for one operation's input: throws the dialect's error when a constraint fails. */
export type InputValidator = (input: Record<string, unknown>) => void;

export function compileInput(members: Members, dialect: Dialect, inputPath?: string): InputValidator {
  const check = compileMembers(members, dialect);
  const prefix = inputPath === undefined ? '' : `${inputPath}.`;
  return (input) => {
    const out: string[] = [];
    check(input, prefix, out);
    if (out.length > 0) throw validationError(out, dialect.exception);
  };
}
