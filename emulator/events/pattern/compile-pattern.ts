import { AwsError } from '../../core/aws-error';
import { PatternReader, PatternSyntaxError, Tok } from './pattern-reader';
import { comparableKey, requireComparableKey } from './numbers';
import { ipHex, parseCidr } from './ip-address';
import { parseWildcard, wildcardComplexity } from './wildcard';
import { listTest, type ValuePattern, type ValueTest } from './value-patterns';
import { fieldPath, hasLeaf, type FieldPath } from './event-paths';

/**
 * Compiling an event pattern, as EventBridge does at PutRule and TestEventPattern: the pattern is
 * read token by token following the rules of aws/event-ruler's JsonRuleCompiler (the matcher
 * behind EventBridge), with its error messages, and turned into sub-rules: `$or` forks the fields
 * read so far into one sub-rule per branch. A pattern matches an event when any sub-rule does; a
 * sub-rule when every one of its fields does; a field when any event value at its path passes
 * any entry of its list, or when it has `exists: false` and the event has no value there.
 */

/** One field of a sub-rule. */
export interface FieldCondition {
  readonly path: FieldPath;
  readonly patterns: readonly ValuePattern[];
  /** True when the list holds `{"exists": false}`: an event without values here matches. */
  readonly matchesAbsence: boolean;
  /** OR of the list over one event value. */
  readonly test: ValueTest;
}

export interface SubRule {
  /** Fields in evaluation order: cheap, selective ones first. */
  readonly conditions: readonly FieldCondition[];
  matches(event: unknown): boolean;
}

export interface CompiledPattern {
  /** The pattern's text, as given. */
  readonly source: string;
  readonly subRules: readonly SubRule[];
  /** Whether the pattern matches an event already parsed from JSON. Never re-reads the pattern. */
  matches(event: unknown): boolean;
}

const REASON = 'Event pattern is not valid. Reason: ';
const OR = '$or';

/** Above this, EventBridge refuses a rule's wildcards as too complex (event-ruler's evaluator). */
export const MAX_WILDCARD_COMPLEXITY = 10;
const TOO_COMPLEX = 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/** Parses and validates a pattern; throws AwsError('InvalidEventPatternException', AWS's message). */
export function compilePattern(patternText: string): CompiledPattern {
  let rules: Map<string, ValuePattern[]>[];
  try {
    rules = new RuleCompiler(patternText).compile();
    checkWildcardComplexity(rules);
  } catch (e) {
    if (e instanceof PatternSyntaxError) {
      throw new AwsError('InvalidEventPatternException', REASON + e.message);
    }
    throw e;
  }
  const subRules = rules.map(toSubRule);
  const matches =
    subRules.length === 1
      ? subRules[0].matches
      : (event: unknown) => {
          for (let i = 0; i < subRules.length; i++) if (subRules[i].matches(event)) return true;
          return false;
        };
  return { source: patternText, subRules, matches };
}

function toSubRule(fields: Map<string, ValuePattern[]>): SubRule {
  const conditions = [...fields].map(([name, patterns]): FieldCondition => ({
    path: fieldPath(name),
    patterns,
    matchesAbsence: patterns.some((p) => p.kind === 'exists' && !p.value),
    test: listTest(patterns),
  }));
  conditions.sort((a, b) => cost(a) - cost(b));
  return { conditions, matches: allConditions(conditions) };
}

/** The AND of some fields of a sub-rule, as one check over an event. */
export function allConditions(conditions: readonly FieldCondition[]): (event: unknown) => boolean {
  const checks = conditions.map(conditionCheck);
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0];
  if (checks.length === 2) {
    const [a, b] = checks;
    return (event) => a(event) && b(event);
  }
  return (event) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i](event)) return false;
    return true;
  };
}

function conditionCheck(c: FieldCondition): (event: unknown) => boolean {
  const { path, test } = c;
  const any = path.any;
  if (!c.matchesAbsence) return (event) => any(event, test);
  return (event) => any(event, test) || !hasLeaf(event, path);
}

/** Rough evaluation cost, so a sub-rule fails fast on its most selective, cheapest fields. */
function cost(c: FieldCondition): number {
  let worst = 0;
  for (const p of c.patterns) {
    const k = p.kind;
    const w = k === 'string' || k === 'literal' || k === 'number' ? 0
      : k === 'prefix' || k === 'suffix' || k === 'equals-ignore-case' || k === 'prefix-ignore-case' || k === 'suffix-ignore-case' ? 1
      : k === 'numeric' || k === 'cidr' ? 2
      : k === 'wildcard' ? 3
      : 4;
    worst = Math.max(worst, w);
  }
  return worst + (c.matchesAbsence ? 10 : 0);
}

function checkWildcardComplexity(rules: Map<string, ValuePattern[]>[]): void {
  // Per field, the distinct wildcard patterns of all sub-rules (equal patterns are one in the engine).
  const byField = new Map<string, Map<string, string[]>>();
  for (const rule of rules) {
    for (const [name, patterns] of rule) {
      for (const p of patterns) {
        const group = p.kind === 'wildcard' ? [p.text] : p.kind === 'anything-but-wildcard' ? [...p.texts] : undefined;
        if (!group) continue;
        const groups = byField.get(name) ?? new Map<string, string[]>();
        groups.set(`${p.kind}:${JSON.stringify(group)}`, group);
        byField.set(name, groups);
      }
    }
  }
  for (const groups of byField.values()) {
    if (wildcardComplexity([...groups.values()], MAX_WILDCARD_COMPLEXITY) > MAX_WILDCARD_COMPLEXITY) throw new PatternSyntaxError(TOO_COMPLEX);
  }
}

const isNumberTok = (t: Tok) => t === Tok.NumberInt || t === Tok.NumberFloat;

/** The reading of a pattern, step for step as event-ruler's JsonRuleCompiler reads it. */
class RuleCompiler {
  private readonly r: PatternReader;
  private readonly path: string[] = [];

  constructor(text: string) {
    this.r = new PatternReader(text);
  }

  compile(): Map<string, ValuePattern[]>[] {
    const rules: Map<string, ValuePattern[]>[] = [];
    if (this.r.next() !== Tok.StartObject) this.fail('Filter is not an object');
    this.object(rules, false);
    return rules;
  }

  private fail(message: string): never {
    throw new PatternSyntaxError(message);
  }

  private object(rules: Map<string, ValuePattern[]>[], insideOr: boolean): void {
    let any = false;
    while (this.r.next() !== Tok.EndObject) {
      any = true;
      const name = this.r.name;
      if (name === OR) {
        this.or(rules);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(name)) this.fail(`${name} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
      switch (this.r.next()) {
        case Tok.StartObject:
          this.path.push(name);
          this.object(rules, insideOr);
          this.path.pop();
          break;
        case Tok.StartArray:
          this.field(rules, [...this.path, name].join('.'));
          break;
        default:
          this.fail(`"${name}" must be an object or an array`);
      }
    }
    if (!any) this.fail('Empty objects are not allowed');
  }

  private or(rules: Map<string, ValuePattern[]>[]): void {
    const before = rules.map((rule) => new Map(rule));
    rules.length = 0;
    if (this.r.next() !== Tok.StartArray) this.fail(`It must be an Array followed with ${OR}.`);
    let branches = 0;
    let t: Tok;
    while ((t = this.r.next()) !== Tok.EndArray) {
      branches++;
      if (t !== Tok.StartObject) this.fail(`Only JSON object is allowed in array of ${OR} relationship.`);
      const branch = before.length > 0 ? before.map((rule) => new Map(rule)) : [new Map<string, ValuePattern[]>()];
      this.object(branch, true);
      rules.push(...branch);
    }
    if (branches < 2) this.fail(`There must have at least 2 Objects in ${OR} relationship.`);
  }

  /** A field's list; a later occurrence of the same path replaces an earlier one. */
  private field(rules: Map<string, ValuePattern[]>[], name: string): void {
    const values: ValuePattern[] = [];
    let t: Tok;
    while ((t = this.r.next()) !== Tok.EndArray) {
      switch (t) {
        case Tok.StartObject:
          values.push(this.matchExpression());
          break;
        case Tok.String: {
          const value = this.r.text;
          const ip = ipHex(value);
          values.push(ip === undefined ? { kind: 'string', value } : { kind: 'string', value, ip });
          break;
        }
        case Tok.NumberInt:
        case Tok.NumberFloat: {
          const text = this.r.text;
          const key = comparableKey(Number(text));
          values.push(key === undefined ? { kind: 'number', text } : { kind: 'number', text, key });
          break;
        }
        case Tok.True:
        case Tok.False:
        case Tok.Null:
          values.push({ kind: 'literal', value: t === Tok.Null ? null : t === Tok.True });
          break;
        default:
          this.fail('Match value must be String, number, true, false, or null');
      }
    }
    if (values.length === 0) this.fail('Empty arrays are not allowed');
    if (rules.length === 0) rules.push(new Map());
    for (const rule of rules) rule.set(name, values);
  }

  private expectEnd(message = 'Only one key allowed in match expression'): void {
    if (this.r.next() !== Tok.EndObject) this.fail(message);
  }

  private matchExpression(): ValuePattern {
    if (this.r.next() !== Tok.FieldName) this.fail('Match expression name not found');
    const op = this.r.name;
    switch (op) {
      case 'exactly': {
        if (this.r.next() !== Tok.String) this.fail('exact match pattern must be a string');
        const value = this.r.text;
        this.expectEnd();
        return { kind: 'string', value };
      }
      case 'prefix':
      case 'suffix': {
        const t = this.r.next();
        if (t === Tok.StartObject) return this.ignoreCaseAffix(op);
        if (t !== Tok.String) this.fail(`${op} match pattern must be a string`);
        const value = this.r.text;
        this.expectEnd();
        return { kind: op, value };
      }
      case 'numeric': {
        if (this.r.next() !== Tok.StartArray) this.fail('Value of numeric must be an array.');
        const range = this.numeric();
        this.expectEnd('Too many elements in numeric expression');
        return range;
      }
      case 'anything-but':
        return this.anythingBut();
      case 'exists': {
        const t = this.r.next();
        if (t !== Tok.True && t !== Tok.False) this.fail('exists match pattern must be either true or false.');
        this.expectEnd();
        return { kind: 'exists', value: t === Tok.True };
      }
      case 'cidr': {
        if (this.r.next() !== Tok.String) this.fail('prefix match pattern must be a string');
        const text = this.r.text;
        const range = parseCidr(text);
        this.expectEnd();
        return { kind: 'cidr', range, text };
      }
      case 'equals-ignore-case': {
        if (this.r.next() !== Tok.String) this.fail('equals-ignore-case match pattern must be a string');
        const value = this.r.text;
        this.expectEnd();
        return { kind: 'equals-ignore-case', value };
      }
      case 'wildcard': {
        if (this.r.next() !== Tok.String) this.fail('wildcard match pattern must be a string');
        const text = this.r.text;
        const pieces = parseWildcard(text);
        this.expectEnd();
        return { kind: 'wildcard', text, pieces };
      }
      default:
        this.fail(`Unrecognized match type ${op}`);
    }
  }

  /** `{"prefix": {"equals-ignore-case": "..."}}` and the same for suffix. */
  private ignoreCaseAffix(op: 'prefix' | 'suffix'): ValuePattern {
    const Op = op === 'prefix' ? 'Prefix' : 'Suffix';
    if (this.r.next() !== Tok.FieldName) this.fail(`${Op} expression name not found`);
    if (this.r.name !== 'equals-ignore-case') this.fail(`Unsupported ${op} pattern: ${this.r.name}`);
    if (this.r.next() !== Tok.String) this.fail('equals-ignore-case match pattern must be a string');
    const value = this.r.text;
    this.expectEnd();
    this.expectEnd();
    return { kind: op === 'prefix' ? 'prefix-ignore-case' : 'suffix-ignore-case', value };
  }

  private numeric(): ValuePattern {
    if (this.r.next() !== Tok.String) this.fail(`Invalid member in numeric match: ${this.r.text}`);
    const op = this.r.text;
    const t = this.r.next();
    const operand = (what: string): number => {
      if (!isNumberTok(t)) this.fail(`Value of ${what} must be numeric`);
      return requireComparableKey(this.r.text);
    };
    switch (op) {
      case '=': {
        const key = operand('equals');
        if (this.r.next() !== Tok.EndArray) this.fail('Too many elements in numeric expression');
        return { kind: 'numeric', low: key, lowOpen: false, high: key, highOpen: false };
      }
      case '>=':
      case '>': {
        const low = operand(op);
        const next = this.r.next();
        if (next === Tok.EndArray) return { kind: 'numeric', low, lowOpen: op === '>', high: Infinity, highOpen: false };
        return this.numericTop(next, low, op === '>');
      }
      case '<=':
      case '<': {
        const high = operand(op);
        if (this.r.next() !== Tok.EndArray) this.fail('Too many elements in numeric expression');
        return { kind: 'numeric', low: -Infinity, lowOpen: false, high, highOpen: op === '<' };
      }
      default:
        this.fail(`Unrecognized numeric range operator: ${op}`);
    }
  }

  private numericTop(t: Tok, low: number, lowOpen: boolean): ValuePattern {
    if (t !== Tok.String) this.fail(`Bad value in numeric range: ${this.r.text}`);
    const op = this.r.text;
    if (op !== '<' && op !== '<=') this.fail(`Bad numeric range operator: ${op}`);
    if (!isNumberTok(this.r.next())) this.fail(`Value of ${op} must be numeric`);
    const high = requireComparableKey(this.r.text);
    if (this.r.next() !== Tok.EndArray) this.fail('Too many terms in numeric range expression');
    if (low >= high) this.fail('Bottom must be less than top');
    return { kind: 'numeric', low, lowOpen, high, highOpen: op === '<' };
  }

  private anythingBut(): ValuePattern {
    let kind: 'plain' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard' = 'plain';
    let t = this.r.next();
    if (t === Tok.StartObject) {
      if (this.r.next() !== Tok.FieldName) this.fail('Anything-But expression name not found');
      const op = this.r.name;
      if (op !== 'equals-ignore-case' && op !== 'prefix' && op !== 'suffix' && op !== 'wildcard') this.fail(`Unsupported anything-but pattern: ${op}`);
      kind = op;
      t = this.r.next();
    }
    if (t !== Tok.StartArray && t !== Tok.String && !isNumberTok(t)) {
      this.fail('Value of anything-but must be an array or single string/number value.');
    }
    const pattern = kind === 'plain' ? this.anythingButValues(t) : this.anythingButSet(t, kind);
    this.expectEnd('Too many elements in numeric expression');
    if (kind !== 'plain') this.expectEnd('Too many elements in numeric expression');
    return pattern;
  }

  /** `{"anything-but": "x"}`, `{"anything-but": 5}` or a list of all strings or all numbers. */
  private anythingButValues(first: Tok): ValuePattern {
    const strings = new Set<string>();
    const keys = new Set<number>();
    if (first !== Tok.StartArray) {
      if (first === Tok.String) strings.add(this.r.text);
      else keys.add(requireComparableKey(this.r.text));
      return { kind: 'anything-but', strings, keys };
    }
    let t: Tok;
    while ((t = this.r.next()) !== Tok.EndArray) {
      if (t === Tok.String) strings.add(this.r.text);
      else if (isNumberTok(t)) keys.add(requireComparableKey(this.r.text));
      else this.fail('Inside anything but list, start|null|boolean is not supported.');
    }
    if ((strings.size > 0) === (keys.size > 0)) {
      this.fail('Inside anything but list, either all values are number or string, mixed type is not supported');
    }
    return { kind: 'anything-but', strings, keys };
  }

  /** anything-but over equals-ignore-case, prefix, suffix or wildcard: one string or a list of them. */
  private anythingButSet(first: Tok, kind: 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard'): ValuePattern {
    const values: string[] = [];
    const take = (t: Tok) => {
      if (t !== Tok.String) {
        if (kind === 'equals-ignore-case') this.fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
        if (kind === 'wildcard') this.fail('wildcard match pattern must be a string');
        this.fail('prefix/suffix match pattern must be a string');
      }
      const text = this.r.text;
      if ((kind === 'prefix' || kind === 'suffix') && text === '') this.fail('Null prefix/suffix not allowed');
      if (!values.includes(text)) values.push(text);
    };
    if (first === Tok.StartArray) {
      let t: Tok;
      while ((t = this.r.next()) !== Tok.EndArray) take(t);
    } else {
      take(first);
    }
    switch (kind) {
      case 'equals-ignore-case':
        return { kind: 'anything-but-ignore-case', values };
      case 'prefix':
        return { kind: 'anything-but-prefix', values };
      case 'suffix':
        return { kind: 'anything-but-suffix', values };
      case 'wildcard': {
        // The compiler checks the operands in the iteration order of a Java HashSet of the quoted
        // values, which decides which error is reported when several operands are invalid.
        for (const text of javaHashSetOrder(values.map((v) => `"${v}"`))) parseWildcard(text.slice(1, -1));
        return { kind: 'anything-but-wildcard', texts: values, pieces: values.map(parseWildcard) };
      }
    }
  }
}

/** Iteration order of a java.util.HashSet built by adding `values` in order (no duplicates given). */
function javaHashSetOrder(values: readonly string[]): string[] {
  let capacity = 16;
  while (values.length > capacity * 0.75) capacity *= 2;
  const hashOf = (s: string): number => {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h ^ (h >>> 16);
  };
  return values
    .map((value, order) => ({ value, order, bucket: hashOf(value) & (capacity - 1) }))
    .sort((a, b) => a.bucket - b.bucket || a.order - b.order)
    .map((e) => e.value);
}
