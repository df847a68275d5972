import type { CompiledPattern, FieldCondition, SubRule } from './compile-pattern';
import { hasLeaf } from './event-paths';
import { NUMBER_LIMIT } from './numbers';
import { valueTest, type ValuePattern } from './value-patterns';

/**
 * Why an event does not match a pattern, in one sentence: the first field (in the pattern's own
 * order) that failed, with the event's value and what the pattern asked of it, e.g.
 * `detail.location: "usa-east" does not start with "us-"` or `detail.value: missing`.
 *
 * The verdict is the matcher's own: a field is taken to fail exactly when the compiled check
 * fails (any value passing the field's list, or no value where `exists: false` allows it), so an
 * explanation exists if and only if `matches` is false. Only the wording is worked out here.
 */
export function explainMismatch(pattern: CompiledPattern, event: unknown): string | undefined {
  if (pattern.matches(event)) return undefined;
  const order = fieldOrder(pattern.source);
  const reasons: string[] = [];
  for (const sub of pattern.subRules) {
    const reason = explainSubRule(sub, event, order);
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  // Fields outside an `$or` are copied into every branch, so one failing field gives one reason.
  return reasons.length === 1 ? reasons[0] : `no branch of $or matches: ${reasons.join('; ')}`;
}

function explainSubRule(sub: SubRule, event: unknown, order: Map<string, number>): string {
  const conditions = [...sub.conditions].sort((a, b) => (order.get(a.path.name) ?? Infinity) - (order.get(b.path.name) ?? Infinity));
  for (const c of conditions) {
    if (passes(c, event)) continue;
    return `${c.path.name}: ${describeFailure(c, event)}`;
  }
  // Unreachable while `passes` mirrors the compiled check; said plainly rather than hidden.
  return 'does not match';
}

/** The compiled field check, as compile-pattern runs it. */
function passes(c: FieldCondition, event: unknown): boolean {
  return c.path.any(event, c.test) || (c.matchesAbsence && !hasLeaf(event, c.path));
}

const MAX_SHOWN = 80;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function describeFailure(c: FieldCondition, event: unknown): string {
  const values: unknown[] = [];
  c.path.any(event, (v) => {
    values.push(v);
    return false;
  });
  if (values.length === 0) return 'missing';
  const valuePatterns = c.patterns.filter((p) => !(p.kind === 'exists' && !p.value));
  const phrases = valuePatterns.length > 0 ? failedPhrases(valuePatterns, values[0]) : [];
  if (c.matchesAbsence) phrases.push('is present, and the pattern wants no value here (exists: false)');
  const said = phrases.join(' and ');
  if (values.length === 1) return `${show(values[0])} ${said}`;
  const listed = values.length > 5 ? `${show(values.slice(0, 5)).slice(0, -1)}, …]` : show(values);
  return `no value of ${listed} matches (${show(values[0])} ${said})`;
}

/** What each entry of the field's list wanted and `value` is not, exact values grouped into one list. */
function failedPhrases(patterns: readonly ValuePattern[], value: unknown): string[] {
  const exact: string[] = [];
  const phrases: string[] = [];
  for (const p of patterns) {
    if (p.kind === 'string') exact.push(JSON.stringify(p.value));
    else if (p.kind === 'number') exact.push(p.text);
    else if (p.kind === 'literal') exact.push(String(p.value));
    else phrases.push(phrase(p, value));
  }
  if (exact.length > 0) phrases.unshift(`is not one of [${exact.join(', ')}]`);
  return phrases;
}

function phrase(p: ValuePattern, value: unknown): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (xs: readonly string[]) => `[${xs.map(q).join(', ')}]`;
  switch (p.kind) {
    case 'prefix':
      return `does not start with ${q(p.value)}`;
    case 'suffix':
      return `does not end with ${q(p.value)}`;
    case 'prefix-ignore-case':
      return `does not start with ${q(p.value)} (ignoring case)`;
    case 'suffix-ignore-case':
      return `does not end with ${q(p.value)} (ignoring case)`;
    case 'equals-ignore-case':
      return `does not equal ${q(p.value)} (ignoring case)`;
    case 'wildcard':
      return `does not match the wildcard ${q(p.text)}`;
    case 'numeric':
      if (typeof value !== 'number') return `is not a number (numeric ${range(p)})`;
      if (Math.abs(value) > NUMBER_LIMIT) return `is outside -5e9..5e9, where numeric comparisons work (numeric ${range(p)})`;
      return `is not ${range(p)}`;
    case 'cidr':
      return `is not an IP address in ${p.text}`;
    case 'exists':
      return p.value ? 'exists' : 'is present (exists: false)';
    case 'anything-but': {
      const excluded = [...[...p.strings].map(q), ...[...p.keys].map(fromKey)];
      return `is excluded by anything-but [${excluded.join(', ')}]`;
    }
    case 'anything-but-prefix':
      if (p.values.length === 0) return 'can never match anything-but with an empty prefix list';
      return `starts with ${q(p.values.find((s) => typeof value === 'string' && value.startsWith(s)) ?? p.values[0]!)}, which anything-but excludes`;
    case 'anything-but-suffix':
      if (p.values.length === 0) return 'can never match anything-but with an empty suffix list';
      return `ends with ${q(p.values.find((s) => typeof value === 'string' && value.endsWith(s)) ?? p.values[0]!)}, which anything-but excludes`;
    case 'anything-but-ignore-case':
      if (p.values.length === 0) return 'can never match anything-but with an empty list';
      return `equals one of ${list(p.values)} ignoring case, which anything-but excludes`;
    case 'anything-but-wildcard': {
      if (p.texts.length === 0) return 'can never match anything-but with an empty list';
      const hit = p.texts.find((_, i) => valueTest({ kind: 'wildcard', text: p.texts[i]!, pieces: [...p.pieces[i]!] })(value));
      return `matches the wildcard ${q(hit ?? p.texts[0]!)}, which anything-but excludes`;
    }
    case 'string':
    case 'number':
    case 'literal':
      return `is not ${p.kind === 'string' ? q(p.value) : p.kind === 'number' ? p.text : String(p.value)}`;
  }
}

/** A numeric pattern's bounds as the operators that were written, e.g. `> 0 and <= 5`. */
function range(p: Extract<ValuePattern, { kind: 'numeric' }>): string {
  if (p.low === p.high) return `= ${fromKey(p.low)}`;
  const parts: string[] = [];
  if (p.low !== -Infinity) parts.push(`${p.lowOpen ? '>' : '>='} ${fromKey(p.low)}`);
  if (p.high !== Infinity) parts.push(`${p.highOpen ? '<' : '<='} ${fromKey(p.high)}`);
  return parts.join(' and ');
}

/** The number a comparable key stands for, to six decimal places. */
function fromKey(key: number): string {
  return String(Math.round((key / 1e6 - NUMBER_LIMIT) * 1e6) / 1e6);
}

/** Each field path's position in the pattern text (first appearance), so the first field written is explained first. */
function fieldOrder(source: string): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$or' && Array.isArray(child)) {
        for (const branch of child) walk(branch, prefix);
        continue;
      }
      const name = prefix ? `${prefix}.${key}` : key;
      if (Array.isArray(child)) {
        if (!order.has(name)) order.set(name, order.size);
      } else walk(child, name);
    }
  };
  try {
    walk(JSON.parse(source), '');
  } catch {
    // A pattern the compiler accepted is JSON; if not, the compiled order stands.
  }
  return order;
}
