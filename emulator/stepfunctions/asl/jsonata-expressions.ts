import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError } from './errors';
import type { Json } from './jsonpath';

/**
 * JSONata in state fields: a string `{% expr %}` is an expression, anything else a literal (objects
 * and arrays are walked). Expressions see `$states` (input, result, errorOutput, context), the
 * execution's variables as `$name`, and the functions AWS adds: `$partition`, `$range`, `$hash`,
 * `$random`, `$uuid`, `$parse`.
 */

export interface JsonataScope {
  states: { input: Json; context: Json; result?: Json; errorOutput?: Json };
  variables: Record<string, Json>;
}

const EXPRESSION = /^\{%(.*)%\}$/s;

/** Exactly `{%` ... `%}`: AWS treats a string with anything around the braces as a literal. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

const compiled = new Map<string, jsonata.Expression>();

function compile(text: string): jsonata.Expression {
  let expr = compiled.get(text);
  if (!expr) {
    expr = jsonata(text);
    compiled.set(text, expr);
  }
  return expr;
}

function functions(): Record<string, unknown> {
  return {
    // $partition(array, size): the array in chunks of `size`, as States.ArrayPartition.
    partition: (array: unknown[], size: number) => {
      if (!Array.isArray(array) || !Number.isInteger(size) || size <= 0) {
        throw new StatesError('States.QueryEvaluationError', '$partition takes an array and a chunk size greater than 0');
      }
      const chunks: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
      return chunks;
    },
    range: (start: number, end: number, step: number) => {
      if (step === 0) throw new StatesError('States.QueryEvaluationError', 'The step of $range must not be 0');
      const out: number[] = [];
      for (let x = start; step > 0 ? x <= end : x >= end; x += step) out.push(x);
      return out;
    },
    hash: (data: unknown, algorithm: string) => {
      const alg = ({ MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as Record<string, string>)[algorithm];
      if (!alg) throw new StatesError('States.QueryEvaluationError', `Unsupported hash algorithm: ${algorithm}`);
      return createHash(alg).update(typeof data === 'string' ? data : JSON.stringify(data)).digest('hex');
    },
    random: (seed?: number) => (seed === undefined ? Math.random() : seededRandom(seed)),
    uuid: () => randomUUID(),
    parse: (text: string) => JSON.parse(text) as unknown,
  };
}

function seededRandom(seed: number): number {
  const x = Math.sin(seed) * 10000;
  return x - Math.floor(x);
}

/** JSONata's sequences and frozen arrays back to plain JSON. */
function toJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return undefined;
  return JSON.parse(JSON.stringify(value)) as Json;
}

/**
 * One `{% %}` expression. An expression that yields nothing is AWS's States.QueryEvaluationError
 * naming the field (`Output/result`, `Arguments/FunctionName`, ...).
 */
export async function evaluateExpression(text: string, scope: JsonataScope, field?: string): Promise<Json> {
  const body = EXPRESSION.exec(text)![1]!.trim();
  let expr: jsonata.Expression;
  try {
    expr = compile(body);
  } catch (err) {
    throw new StatesError('States.QueryEvaluationError', `${field ? `The JSONata expression '${body}' specified for the field '${field}' ` : ''}is invalid: ${(err as Error).message}`);
  }
  const bindings: Record<string, unknown> = { ...scope.variables, states: scope.states, ...functions() };
  let value: Json | undefined;
  try {
    value = toJson(await expr.evaluate(scope.states.input, bindings));
  } catch (err) {
    if (err instanceof StatesError) throw err;
    const message = (err as { message?: string }).message ?? String(err);
    throw new StatesError('States.QueryEvaluationError', `An error occurred while evaluating the JSONata expression '${body}'${field ? ` for the field '${field}'` : ''}: ${message}`);
  }
  if (value === undefined) throw new StatesError('States.QueryEvaluationError', `The JSONata expression '${body}' specified for the field '${field}' returned nothing (undefined).`);
  return value;
}

/** A field's value: expressions evaluated, objects and arrays walked (`Field/key` in errors), literals as they are. */
export async function evaluateTemplate(value: unknown, scope: JsonataScope, field: string): Promise<Json> {
  if (isExpression(value)) return evaluateExpression(value, scope, field);
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) out.push(await evaluateTemplate(v, scope, field));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateTemplate(v, scope, `${field}/${k}`);
    return out;
  }
  return value as Json;
}
