import { comparableKey, eventKey } from './numbers';
import { inCidr, ipHex, type CidrRange } from './ip-address';
import { ignoreCaseMatcher } from './ignore-case';
import { wildcardMatches } from './wildcard';

/**
 * One entry of a field's list in a pattern, compiled: what it accepts of a single event value.
 * A field's list is an OR of these; the index reads the descriptors to pick keys to file rules under.
 */
export type ValuePattern =
  /** A string; an IP literal compares as an address (`ip` holds its hex digits). */
  | { kind: 'string'; value: string; ip?: string }
  /** A number: equal by comparable key when in range, else by value. */
  | { kind: 'number'; text: string; key?: number }
  | { kind: 'literal'; value: boolean | null }
  | { kind: 'prefix' | 'suffix' | 'prefix-ignore-case' | 'suffix-ignore-case' | 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; text: string; pieces: string[] }
  /** Bounds are comparable keys; ±Infinity when open-ended. */
  | { kind: 'numeric'; low: number; lowOpen: boolean; high: number; highOpen: boolean }
  /** `text` is the operand as written, for explanations. */
  | { kind: 'cidr'; range: CidrRange; text: string }
  | { kind: 'exists'; value: boolean }
  | { kind: 'anything-but'; strings: ReadonlySet<string>; keys: ReadonlySet<number> }
  | { kind: 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-ignore-case'; values: readonly string[] }
  | { kind: 'anything-but-wildcard'; texts: readonly string[]; pieces: readonly (readonly string[])[] };

export type ValueTest = (value: unknown) => boolean;

const never: ValueTest = () => false;

/** The test for one value pattern (exists:false tests nothing: it is about the absence of values). */
export function valueTest(p: ValuePattern): ValueTest {
  switch (p.kind) {
    case 'string': {
      const s = p.value;
      const ip = p.ip;
      if (ip === undefined) return (v) => v === s;
      return (v) => v === s || (typeof v === 'string' && ipHex(v) === ip);
    }
    case 'number': {
      const key = p.key;
      if (key !== undefined) return (v) => typeof v === 'number' && comparableKey(v) === key;
      const n = Number(p.text);
      return (v) => v === n && comparableKey(n) === undefined;
    }
    case 'literal': {
      const lit = p.value;
      return (v) => v === lit;
    }
    case 'prefix': {
      const s = p.value;
      return (v) => typeof v === 'string' && v.startsWith(s);
    }
    case 'suffix': {
      const s = p.value;
      return (v) => typeof v === 'string' && v.endsWith(s);
    }
    case 'prefix-ignore-case':
    case 'suffix-ignore-case':
    case 'equals-ignore-case': {
      const m = ignoreCaseMatcher(p.value, p.kind === 'equals-ignore-case' ? 'equals' : p.kind === 'prefix-ignore-case' ? 'prefix' : 'suffix');
      return (v) => typeof v === 'string' && m(v);
    }
    case 'wildcard': {
      const pieces = p.pieces;
      return (v) => typeof v === 'string' && wildcardMatches(pieces, v);
    }
    case 'numeric': {
      const { low, lowOpen, high, highOpen } = p;
      return (v) => {
        const k = eventKey(v);
        return k !== undefined && (lowOpen ? k > low : k >= low) && (highOpen ? k < high : k <= high);
      };
    }
    case 'cidr': {
      const range = p.range;
      return (v) => inCidr(range, v);
    }
    case 'exists':
      return p.value ? () => true : never;
    case 'anything-but': {
      const { strings, keys } = p;
      return (v) => {
        if (typeof v === 'string') return !strings.has(v);
        if (typeof v === 'number') {
          const k = comparableKey(v);
          return k === undefined || !keys.has(k);
        }
        return true;
      };
    }
    case 'anything-but-prefix': {
      const values = p.values;
      // An empty list is accepted by the rule compiler but never matches in its engine.
      if (values.length === 0) return never;
      return (v) => typeof v !== 'string' || !values.some((s) => v.startsWith(s));
    }
    case 'anything-but-suffix': {
      const values = p.values;
      if (values.length === 0) return never;
      return (v) => typeof v !== 'string' || !values.some((s) => v.endsWith(s));
    }
    case 'anything-but-ignore-case': {
      if (p.values.length === 0) return never;
      const matchers = p.values.map((s) => ignoreCaseMatcher(s, 'equals'));
      return (v) => typeof v !== 'string' || !matchers.some((m) => m(v));
    }
    case 'anything-but-wildcard': {
      const all = p.pieces;
      if (all.length === 0) return never;
      return (v) => typeof v !== 'string' || !all.some((pieces) => wildcardMatches(pieces, v));
    }
  }
}

/**
 * The OR of a field's list as one test. Plain strings go in one Set (or a direct comparison when
 * there is one), so a long list of values costs one lookup.
 */
export function listTest(patterns: readonly ValuePattern[]): ValueTest {
  const strings: string[] = [];
  const others: ValueTest[] = [];
  for (const p of patterns) {
    if (p.kind === 'string' && p.ip === undefined) strings.push(p.value);
    else if (!(p.kind === 'exists' && !p.value)) others.push(valueTest(p));
  }
  let stringTest: ValueTest | undefined;
  if (strings.length === 1) {
    const s = strings[0];
    stringTest = (v) => v === s;
  } else if (strings.length > 1) {
    const set = new Set(strings);
    stringTest = (v) => typeof v === 'string' && set.has(v);
  }
  if (!stringTest) {
    if (others.length === 0) return never;
    if (others.length === 1) return others[0];
  } else if (others.length === 0) {
    return stringTest;
  } else {
    others.unshift(stringTest);
  }
  const tests = others;
  return (v) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](v)) return true;
    return false;
  };
}
