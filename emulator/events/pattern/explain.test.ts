import { describe, expect, it } from 'vitest';
import { loadConformanceCases } from '../testing';
import { seededRandom } from '../../testing/prng';
import { compilePattern, explainMismatch } from './index';

const explain = (pattern: unknown, event: unknown) => explainMismatch(compilePattern(JSON.stringify(pattern)), event);
const order = (detail: Record<string, unknown>, source = 'com.aws.orders') => ({ source, 'detail-type': 'Order Notification', detail });

describe('explaining a mismatch, per operator family', () => {
  it('exact values: the value and the list it is not in', () => {
    expect(explain({ source: ['com.aws.orders'] }, order({}, 'com.aws.order'))).toBe('source: "com.aws.order" is not one of ["com.aws.orders"]');
    expect(explain({ detail: { n: [5, true, null] } }, order({ n: 6 }))).toBe('detail.n: 6 is not one of [5, true, null]');
    expect(explain({ detail: { n: [{ exactly: 'A' }] } }, order({ n: 'a' }))).toBe('detail.n: "a" is not one of ["A"]');
  });

  it('a missing field', () => {
    expect(explain({ detail: { value: [{ numeric: ['>', 0] }] } }, order({}))).toBe('detail.value: missing');
    expect(explain({ detail: { value: [{ exists: true }] } }, order({ other: 1 }))).toBe('detail.value: missing');
  });

  it('prefix and suffix, with and without case', () => {
    expect(explain({ detail: { location: [{ prefix: 'us-' }] } }, order({ location: 'usa-east' }))).toBe('detail.location: "usa-east" does not start with "us-"');
    expect(explain({ detail: { f: [{ suffix: '.png' }] } }, order({ f: 'a.jpg' }))).toBe('detail.f: "a.jpg" does not end with ".png"');
    expect(explain({ detail: { f: [{ prefix: { 'equals-ignore-case': 'US-' } }] } }, order({ f: 'eu-west' }))).toBe('detail.f: "eu-west" does not start with "US-" (ignoring case)');
    expect(explain({ detail: { f: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, order({ f: 'a.jpg' }))).toBe('detail.f: "a.jpg" does not end with ".PNG" (ignoring case)');
  });

  it('equals-ignore-case and wildcard', () => {
    expect(explain({ detail: { f: [{ 'equals-ignore-case': 'alice' }] } }, order({ f: 'bob' }))).toBe('detail.f: "bob" does not equal "alice" (ignoring case)');
    expect(explain({ detail: { f: [{ wildcard: 'dir/*.png' }] } }, order({ f: 'dir/a.jpg' }))).toBe('detail.f: "dir/a.jpg" does not match the wildcard "dir/*.png"');
  });

  it('anything-but in each of its forms', () => {
    expect(explain({ detail: { s: [{ 'anything-but': ['stopped', 'paused'] }] } }, order({ s: 'paused' }))).toBe('detail.s: "paused" is excluded by anything-but ["stopped", "paused"]');
    expect(explain({ detail: { n: [{ 'anything-but': [0, 2.5] }] } }, order({ n: 2.5 }))).toBe('detail.n: 2.5 is excluded by anything-but [0, 2.5]');
    expect(explain({ detail: { s: [{ 'anything-but': { prefix: 'init' } }] } }, order({ s: 'initial' }))).toBe('detail.s: "initial" starts with "init", which anything-but excludes');
    expect(explain({ detail: { s: [{ 'anything-but': { suffix: ['.tmp', '.bak'] } }] } }, order({ s: 'x.bak' }))).toBe('detail.s: "x.bak" ends with ".bak", which anything-but excludes');
    expect(explain({ detail: { s: [{ 'anything-but': { 'equals-ignore-case': ['Stop'] } }] } }, order({ s: 'STOP' }))).toBe('detail.s: "STOP" equals one of ["Stop"] ignoring case, which anything-but excludes');
    expect(explain({ detail: { s: [{ 'anything-but': { wildcard: ['*.tmp', 'a*'] } }] } }, order({ s: 'abc' }))).toBe('detail.s: "abc" matches the wildcard "a*", which anything-but excludes');
  });

  it('numeric: the range, a non-number, a number beyond what EventBridge compares', () => {
    expect(explain({ detail: { value: [{ numeric: ['>', 1000] }] } }, order({ value: 700 }))).toBe('detail.value: 700 is not > 1000');
    expect(explain({ detail: { value: [{ numeric: ['>=', 0, '<', 10.5] }] } }, order({ value: 11 }))).toBe('detail.value: 11 is not >= 0 and < 10.5');
    expect(explain({ detail: { value: [{ numeric: ['=', 3] }] } }, order({ value: 4 }))).toBe('detail.value: 4 is not = 3');
    expect(explain({ detail: { value: [{ numeric: ['<', 5] }] } }, order({ value: '3' }))).toBe('detail.value: "3" is not a number (numeric < 5)');
    expect(explain({ detail: { value: [{ numeric: ['>', 0] }] } }, order({ value: 6e9 }))).toMatch(/^detail\.value: 6000000000 is outside -5e9\.\.5e9/);
  });

  it('exists', () => {
    expect(explain({ detail: { coupon: [{ exists: false }] } }, order({ coupon: 'X' }))).toBe('detail.coupon: "X" is present, and the pattern wants no value here (exists: false)');
  });

  it('cidr', () => {
    expect(explain({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, order({ ip: '10.0.1.5' }))).toBe('detail.ip: "10.0.1.5" is not an IP address in 10.0.0.0/24');
  });

  it('$or: each branch that failed, once', () => {
    const pattern = { source: ['com.aws.orders'], $or: [{ detail: { location: [{ prefix: 'us-' }] } }, { detail: { value: [{ numeric: ['>', 1000] }] } }] };
    expect(explain(pattern, order({ location: 'eu-west', value: 10 }))).toBe('no branch of $or matches: detail.location: "eu-west" does not start with "us-"; detail.value: 10 is not > 1000');
    // A field outside the $or fails in every branch: said once.
    expect(explain(pattern, order({ location: 'us-east' }, 'other'))).toBe('source: "other" is not one of ["com.aws.orders"]');
  });

  it('arrays: no element matched', () => {
    expect(explain({ detail: { tags: ['vip'] } }, order({ tags: ['new', 'big'] }))).toBe('detail.tags: no value of ["new","big"] matches ("new" is not one of ["vip"])');
  });

  it('the first field written in the pattern is the one explained', () => {
    const pattern = { detail: { location: [{ prefix: 'us-' }] }, source: ['com.aws.orders'] };
    expect(explain(pattern, order({ location: 'eu-west' }, 'other'))).toBe('detail.location: "eu-west" does not start with "us-"');
  });

  it('a match has no explanation', () => {
    expect(explain({ detail: { location: [{ prefix: 'us-' }] } }, order({ location: 'us-east' }))).toBeUndefined();
  });
});

describe('the explanation never disagrees with the matcher', () => {
  const cases = loadConformanceCases().filter((c) => c.expect !== 'error');

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reason = explainMismatch(compilePattern(c.pattern), JSON.parse(c.event));
    if (c.expect === 'match') expect(reason).toBeUndefined();
    else {
      expect(reason).toBeTypeOf('string');
      expect(reason).not.toBe('does not match');
    }
  });

  it('agrees on random events against every conformance pattern', () => {
    const random = seededRandom(11);
    const leaves: unknown[] = ['us-east', 'eu-west', 'US-EAST', 'com.aws.orders', '10.0.0.1', 5, 0, -1, 1000.5, true, false, null, 'test-source'];
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    let mismatches = 0;
    for (const c of cases) {
      const compiled = compilePattern(c.pattern);
      const base = JSON.parse(c.event) as Record<string, unknown>;
      for (let i = 0; i < 20; i++) {
        const event = mutate(base, () => pick(leaves), random);
        const reason = explainMismatch(compiled, event);
        expect(reason === undefined).toBe(compiled.matches(event));
        if (reason !== undefined) {
          mismatches++;
          expect(reason).not.toBe('does not match');
        }
      }
    }
    expect(mismatches).toBeGreaterThan(100);
  });
});

/** A copy of `event` with some leaves replaced or removed at random. */
function mutate(event: unknown, leaf: () => unknown, random: () => number): unknown {
  if (Array.isArray(event)) return event.map((e) => mutate(e, leaf, random));
  if (event === null || typeof event !== 'object') return random() < 0.3 ? leaf() : event;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    if (random() < 0.1) continue;
    out[k] = mutate(v, leaf, random);
  }
  return out;
}
