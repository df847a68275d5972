import { JSONPath } from 'jsonpath-plus';
import { runtimeError, StatesError } from './errors';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a JSONPath state's paths can reach: the data (`$`), the Context Object (`$$`) and variables (`$name`). */
export interface PathScope {
  context: Json;
  variables: Record<string, Json>;
}

/** `$.a.b[0]` as AWS prints it in its errors: `$['a']['b'][0]`. */
export function normalisedPath(path: string): string {
  try {
    const parts = JSONPath.toPathArray(path).slice(1);
    return `$${parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `['${p}']`)).join('')}`;
  } catch {
    return path;
  }
}

const INDEFINITE = /\*|\.\.|\?\(|\[[^\]]*[:,][^\]]*\]/;

/** A path's value, or undefined when it points nowhere. Indefinite paths (wildcards, filters, slices) give arrays. */
export function queryPath(path: string, data: Json, scope: PathScope): Json | undefined {
  let root: Json = data;
  let expr = path;
  if (path.startsWith('$$')) {
    root = scope.context;
    expr = path.slice(1);
  } else if (/^\$[A-Za-z_]/.test(path)) {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(path)!;
    if (!Object.hasOwn(scope.variables, m[1]!)) return undefined;
    root = scope.variables[m[1]!]!;
    expr = `$${m[2]}`;
  }
  if (expr === '$') return root;
  const found = JSONPath({ path: expr, json: root as object, wrap: true, eval: 'safe' }) as Json[];
  if (INDEFINITE.test(expr)) return found;
  return found.length === 0 ? undefined : found[0];
}

/** `Invalid path '$.x' : No results for path: $['x']`, AWS's text for InputPath, OutputPath and ItemsPath. */
export function requirePath(path: string, data: Json, scope: PathScope): Json {
  const value = queryPath(path, data, scope);
  if (value === undefined) {
    if (/^\$[A-Za-z_]/.test(path) && !path.startsWith('$$')) throw runtimeError(undefinedVariable(path));
    throw runtimeError(`Invalid path '${path}' : No results for path: ${normalisedPath(path)}`);
  }
  return value;
}

function undefinedVariable(path: string): string {
  const name = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path)![1];
  return `Invalid path '${path}': The variable "${name}" is not defined.`;
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign in JSONPath): keys ending in
 * `.$` take the value of a path or intrinsic function; everything else is copied.
 */
export function resolveTemplate(template: Json, data: Json, scope: PathScope): Json {
  if (Array.isArray(template)) return template.map((t) => resolveTemplate(t, data, scope));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = resolveDynamic(key, value, data, scope);
    } else {
      out[key] = resolveTemplate(value, data, scope);
    }
  }
  return out;
}

function resolveDynamic(field: string, expr: string, data: Json, scope: PathScope): Json {
  if (isIntrinsic(expr)) return evaluateIntrinsic(expr, data, scope);
  const value = queryPath(expr, data, scope);
  if (value === undefined) {
    if (/^\$[A-Za-z_]/.test(expr) && !expr.startsWith('$$')) throw runtimeError(undefinedVariable(expr));
    const source = expr.startsWith('$$') ? scope.context : data;
    throw runtimeError(`The JSONPath '${expr}' specified for the field '${field}' could not be found in the input '${JSON.stringify(source)}'`);
  }
  return value;
}

/** ResultPath: where the result goes in the state input. `null` keeps the input, `$` replaces it. */
export function applyResultPath(resultPath: string | null | undefined, input: Json, result: Json): Json {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  if (input === null || typeof input !== 'object') {
    throw new StatesError('States.Runtime', `Invalid path '${resultPath}': The input is not an object.`);
  }
  const parts = JSONPath.toPathArray(resultPath).slice(1);
  const root = structuredClone(input);
  let node = root as Record<string, Json>;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      node[part] = result;
    } else {
      const next = node[part];
      if (next === null || typeof next !== 'object') node[part] = {};
      node = node[part] as Record<string, Json>;
    }
  }
  return root;
}
