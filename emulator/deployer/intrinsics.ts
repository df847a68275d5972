import { TemplateError } from './template-error';

/** `Ref: AWS::NoValue`: the property or list element is removed, as if it had not been written. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What resolving needs from the stack being deployed. */
export interface ResolveContext {
  /** `Ref` to a parameter, pseudo parameter or resource; throws TemplateError when unknown. */
  ref(name: string): unknown;
  /** `Fn::GetAtt`; throws TemplateError when the resource or attribute is unknown. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The value of a named condition of the `Conditions` section. */
  condition(name: string): boolean;
  mappings?: Record<string, Record<string, Record<string, unknown>>>;
  region: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one key of an intrinsic function object (`{"Fn::Join": ...}`, `{"Ref": ...}`), if it is one. */
function intrinsicName(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * Resolves every intrinsic function and reference in a template value, depth first, the way
 * CloudFormation does before it hands properties to a resource provider. `Ref: AWS::NoValue`
 * (directly or through `Fn::If`) removes the property or list element that holds it.
 */
export function resolve(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => resolve(v, ctx)).filter((v) => v !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const fn = intrinsicName(value);
  if (fn) return callIntrinsic(fn, value[fn], ctx);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const resolved = resolve(v, ctx);
    if (resolved !== NO_VALUE) out[k] = resolved;
  }
  return out;
}

function callIntrinsic(fn: string, args: unknown, ctx: ResolveContext): unknown {
  switch (fn) {
    case 'Ref':
      return ref(args, ctx);
    case 'Fn::GetAtt':
      return getAtt(args, ctx);
    case 'Fn::Join':
      return join(args, ctx);
    case 'Fn::Sub':
      return sub(args, ctx);
    case 'Fn::Select':
      return select(args, ctx);
    case 'Fn::Split':
      return split(args, ctx);
    case 'Fn::If':
      return ifThen(args, ctx);
    case 'Fn::Equals':
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or':
      return evaluateCondition({ [fn]: args }, ctx);
    case 'Fn::Contains':
      return contains(args, ctx);
    case 'Fn::FindInMap':
      return findInMap(args, ctx);
    case 'Fn::Base64':
      return Buffer.from(asString(resolve(args, ctx), 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::GetAZs':
      return getAZs(args, ctx);
    case 'Fn::ImportValue':
      throw new TemplateError(
        `Fn::ImportValue ${JSON.stringify(resolve(args, ctx))} needs another stack's exports, which the embedded deployer does not keep; deploy the stacks to LocalStack or AWS, or pass the value as a parameter.`,
      );
    default:
      throw new TemplateError(`${fn} is not an intrinsic function the embedded deployer supports.`);
  }
}

function asString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`${fn} expects a string, got ${JSON.stringify(value)}.`);
}

function asList(value: unknown, fn: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new TemplateError(`${fn} expects a list, got ${JSON.stringify(value)}.`);
}

function ref(args: unknown, ctx: ResolveContext): unknown {
  if (typeof args !== 'string') throw new TemplateError(`Ref expects a logical id or parameter name, got ${JSON.stringify(args)}.`);
  if (args === 'AWS::NoValue') return NO_VALUE;
  return ctx.ref(args);
}

function getAtt(args: unknown, ctx: ResolveContext): unknown {
  // Both forms: ["Res", "Attr"] (the attribute may itself be a Ref) and "Res.Attr".
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    if (dot <= 0) throw new TemplateError(`Fn::GetAtt expects "LogicalId.Attribute", got ${JSON.stringify(args)}.`);
    return ctx.getAtt(args.slice(0, dot), args.slice(dot + 1));
  }
  const list = asList(args, 'Fn::GetAtt');
  if (list.length !== 2 || typeof list[0] !== 'string') throw new TemplateError(`Fn::GetAtt expects [LogicalId, Attribute], got ${JSON.stringify(args)}.`);
  return ctx.getAtt(list[0], asString(resolve(list[1], ctx), 'Fn::GetAtt'));
}

function join(args: unknown, ctx: ResolveContext): string {
  const list = asList(args, 'Fn::Join');
  if (list.length !== 2) throw new TemplateError(`Fn::Join expects [delimiter, [values]], got ${JSON.stringify(args)}.`);
  const delimiter = asString(list[0], 'Fn::Join');
  const values = asList(resolve(list[1], ctx), 'Fn::Join');
  return values.map((v) => asString(v, 'Fn::Join')).join(delimiter);
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function sub(args: unknown, ctx: ResolveContext): string {
  let text: string;
  let variables: Record<string, unknown> = {};
  if (typeof args === 'string') {
    text = args;
  } else {
    const list = asList(args, 'Fn::Sub');
    if (list.length !== 2 || typeof list[0] !== 'string' || !isObject(list[1])) {
      throw new TemplateError(`Fn::Sub expects a string or [string, {variables}], got ${JSON.stringify(args)}.`);
    }
    text = list[0];
    variables = Object.fromEntries(Object.entries(list[1]).map(([k, v]) => [k, resolve(v, ctx)]));
  }
  return text.replace(SUB_VARIABLE, (_whole, name: string) => {
    // `${!Literal}` writes `${Literal}` through unchanged.
    if (name.startsWith('!')) return '${' + name.slice(1) + '}';
    const variable = name.trim();
    if (Object.hasOwn(variables, variable)) return asString(variables[variable], `Fn::Sub variable ${variable}`);
    const dot = variable.indexOf('.');
    // `${AWS::Region}` and `${Param}` are Refs; `${Res.Attr}` is a GetAtt (attributes may hold dots).
    const value = dot > 0 && !variable.startsWith('AWS::') ? ctx.getAtt(variable.slice(0, dot), variable.slice(dot + 1)) : ctx.ref(variable);
    if (value === NO_VALUE) throw new TemplateError(`Fn::Sub cannot substitute AWS::NoValue.`);
    return asString(value, `Fn::Sub variable ${variable}`);
  });
}

function select(args: unknown, ctx: ResolveContext): unknown {
  const list = asList(args, 'Fn::Select');
  if (list.length !== 2) throw new TemplateError(`Fn::Select expects [index, [values]], got ${JSON.stringify(args)}.`);
  const index = Number(resolve(list[0], ctx));
  const values = asList(resolve(list[1], ctx), 'Fn::Select');
  if (!Number.isInteger(index) || index < 0 || index >= values.length) {
    throw new TemplateError(`Fn::Select cannot select nonexistent value at index ${String(resolve(list[0], ctx))} of a list of ${values.length}.`);
  }
  return values[index];
}

function split(args: unknown, ctx: ResolveContext): string[] {
  const list = asList(args, 'Fn::Split');
  if (list.length !== 2) throw new TemplateError(`Fn::Split expects [delimiter, string], got ${JSON.stringify(args)}.`);
  const delimiter = asString(list[0], 'Fn::Split');
  return asString(resolve(list[1], ctx), 'Fn::Split').split(delimiter);
}

function ifThen(args: unknown, ctx: ResolveContext): unknown {
  const list = asList(args, 'Fn::If');
  if (list.length !== 3 || typeof list[0] !== 'string') throw new TemplateError(`Fn::If expects [condition name, value if true, value if false], got ${JSON.stringify(args)}.`);
  // Only the chosen branch is resolved: the other may name a resource its condition left out.
  return resolve(ctx.condition(list[0]) ? list[1] : list[2], ctx);
}

function contains(args: unknown, ctx: ResolveContext): boolean {
  const list = asList(args, 'Fn::Contains');
  if (list.length !== 2) throw new TemplateError(`Fn::Contains expects [[values], value], got ${JSON.stringify(args)}.`);
  const haystack = asList(resolve(list[0], ctx), 'Fn::Contains');
  const needle = resolve(list[1], ctx);
  return haystack.some((v) => sameValue(v, needle));
}

function findInMap(args: unknown, ctx: ResolveContext): unknown {
  const list = asList(args, 'Fn::FindInMap');
  if (list.length !== 3) throw new TemplateError(`Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey], got ${JSON.stringify(args)}.`);
  const [mapName, top, second] = list.map((v) => asString(resolve(v, ctx), 'Fn::FindInMap'));
  const map = ctx.mappings?.[mapName!];
  if (!map) throw new TemplateError(`Fn::FindInMap names the mapping ${mapName}, which the template does not define.`);
  const row = map[top!];
  if (!row || !Object.hasOwn(row, second!)) throw new TemplateError(`Fn::FindInMap: the mapping ${mapName} has no key ${top}.${second}.`);
  return row[second!];
}

function getAZs(args: unknown, ctx: ResolveContext): string[] {
  const region = asString(resolve(args, ctx), 'Fn::GetAZs') || ctx.region;
  // The zones a default VPC has in most regions; an emulator has no real ones to list.
  return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  // CloudFormation compares condition operands as strings: "1" equals 1.
  return String(a) === String(b);
}

/**
 * Evaluates a condition expression: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`,
 * `Fn::Contains`, a `{"Condition": "Name"}` reference, or a literal `true`/`false`.
 */
export function evaluateCondition(expression: unknown, ctx: ResolveContext): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (isObject(expression)) {
    const keys = Object.keys(expression);
    if (keys.length === 1 && keys[0] === 'Condition' && typeof expression.Condition === 'string') return ctx.condition(expression.Condition);
    const fn = intrinsicName(expression);
    const args = fn ? expression[fn] : undefined;
    switch (fn) {
      case 'Fn::Equals': {
        const list = asList(args, fn);
        if (list.length !== 2) throw new TemplateError(`Fn::Equals expects [value, value], got ${JSON.stringify(args)}.`);
        return sameValue(resolve(list[0], ctx), resolve(list[1], ctx));
      }
      case 'Fn::Not': {
        const list = asList(args, fn);
        if (list.length !== 1) throw new TemplateError(`Fn::Not expects [condition], got ${JSON.stringify(args)}.`);
        return !evaluateCondition(list[0], ctx);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const list = asList(args, fn);
        if (list.length < 2 || list.length > 10) throw new TemplateError(`${fn} expects 2 to 10 conditions, got ${list.length}.`);
        return fn === 'Fn::And' ? list.every((c) => evaluateCondition(c, ctx)) : list.some((c) => evaluateCondition(c, ctx));
      }
      case 'Fn::Contains':
        return contains(args, ctx);
      case 'Ref':
      case 'Fn::If':
      case 'Fn::FindInMap': {
        const value = resolve(expression, ctx);
        if (value === true || value === 'true') return true;
        if (value === false || value === 'false') return false;
        throw new TemplateError(`A condition must be true or false, got ${JSON.stringify(value)}.`);
      }
    }
  }
  throw new TemplateError(`${JSON.stringify(expression)} is not a condition: use Fn::Equals, Fn::Not, Fn::And, Fn::Or or {"Condition": name}.`);
}
