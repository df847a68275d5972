import { createRequire } from 'node:module';

/**
 * A cache of dynalite's parsed expressions, kept outside dynalite. dynalite parses every
 * UpdateExpression, ConditionExpression, KeyConditionExpression, FilterExpression and
 * ProjectionExpression of every request with a PEG parser, and a handler sends the same
 * expressions over and over with new values: the parse was over a third of dynalite's time per
 * UpdateItem. The parser's result depends on the expression, the attribute names and the *types*
 * of the attribute values, and it embeds the value objects themselves; so a successful parse is
 * kept as a template keyed on those, with each embedded value replaced by a placeholder, and a hit
 * puts the request's own values back. What the parser also does to its context (marking names and
 * values as used) is replayed. Expressions whose checks read the values themselves (`BETWEEN`
 * bounds, `attribute_type`'s type name) and failed parses (their messages quote values) are never
 * cached.
 */

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, Record<string, unknown>>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
}

interface Parser {
  parse(input: string, options: { context: ParseContext }): unknown;
}

interface Entry {
  template: unknown;
  usedNames: string[];
  usedVals: string[];
}

const MAX_ENTRIES = 2_000;
const VALUE_DEPENDENT = /\b(between|attribute_type)\b/i;
const PLACEHOLDER = Symbol('attribute value');

/** Installs the cache on dynalite's parsers, once per process. */
export function installExpressionCache(): void {
  const require = createRequire(import.meta.url);
  for (const name of ['updateParser', 'conditionParser', 'projectionParser']) {
    const parser = require(`dynalite/db/${name}`) as Parser & { cached?: true };
    if (parser.cached) continue;
    parser.parse = cachedParse(name, parser.parse.bind(parser));
    parser.cached = true;
  }
}

function cachedParse(parserName: string, parse: Parser['parse']): Parser['parse'] {
  const cache = new Map<string, Entry>();
  return (input, options) => {
    const context = options.context;
    if (VALUE_DEPENDENT.test(input)) return parse(input, options);
    const key = cacheKey(parserName, input, context);
    const hit = cache.get(key);
    if (hit) {
      for (const n of hit.usedNames) delete context.unusedAttrNames?.[n];
      for (const v of hit.usedVals) delete context.unusedAttrVals?.[v];
      return fill(hit.template, context.attrVals ?? {});
    }
    const unusedNamesBefore = Object.keys(context.unusedAttrNames ?? {});
    const unusedValsBefore = Object.keys(context.unusedAttrVals ?? {});
    const result = parse(input, options);
    if (result && typeof result === 'object') {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, {
        template: hollow(result, context.attrVals ?? {}),
        usedNames: unusedNamesBefore.filter((n) => !(n in (context.unusedAttrNames ?? {}))),
        usedVals: unusedValsBefore.filter((v) => !(v in (context.unusedAttrVals ?? {}))),
      });
    }
    return result;
  };
}

/** The expression, the names, each value's type: everything the parse result depends on here. */
function cacheKey(parserName: string, input: string, context: ParseContext): string {
  const types = Object.entries(context.attrVals ?? {}).map(([k, v]) => `${k}:${Object.keys(v ?? {}).join('|')}`);
  return JSON.stringify([parserName, input, context.isKeyCondition ?? false, context.attrNames ?? null, types]);
}

/** A copy of the parse result with each embedded attribute value replaced by a placeholder naming it. */
function hollow(node: unknown, values: Record<string, unknown>): unknown {
  const byObject = new Map<unknown, string>(Object.entries(values).map(([k, v]) => [v, k]));
  const walk = (n: unknown): unknown => {
    if (n === null || typeof n !== 'object') return n;
    const name = byObject.get(n);
    if (name !== undefined) return { [PLACEHOLDER]: name };
    return copy(n, walk);
  };
  return walk(node);
}

/** A fresh parse result from a template: this request's values where the placeholders are. */
function fill(node: unknown, values: Record<string, unknown>): unknown {
  if (node === null || typeof node !== 'object') return node;
  const name = (node as { [PLACEHOLDER]?: string })[PLACEHOLDER];
  if (name !== undefined) return values[name];
  return copy(node, (n) => fill(n, values));
}

/** An array or object with each member mapped, keeping its prototype (dynalite uses null-prototype maps). */
function copy(node: object, map: (member: unknown) => unknown): unknown {
  if (Array.isArray(node)) return node.map(map);
  const out = Object.create(Object.getPrototypeOf(node)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(node)) out[k] = map(v);
  return out;
}
