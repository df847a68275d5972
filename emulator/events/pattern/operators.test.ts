import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/aws-error';
import { compilePattern, PatternIndex } from './index';
import { seededRandom } from '../../testing/prng';

/**
 * Operators the conformance corpus covers thinly, from the AWS documentation on content
 * filtering ("Comparison operators for use in event patterns") and the rule compiler's own
 * rules and messages; then the PatternIndex against a plain scan of every pattern.
 */

const matches = (pattern: unknown, event: unknown): boolean =>
  compilePattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern)).matches(event);

function reason(pattern: unknown): string {
  try {
    compilePattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));
  } catch (e) {
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).code).toBe('InvalidEventPatternException');
    expect((e as AwsError).statusCode).toBe(400);
    const message = (e as AwsError).message;
    expect(message.startsWith('Event pattern is not valid. Reason: ')).toBe(true);
    return message.slice('Event pattern is not valid. Reason: '.length);
  }
  throw new Error(`pattern was accepted: ${JSON.stringify(pattern)}`);
}

const detail = (fields: Record<string, unknown>) => ({ source: 'test', 'detail-type': 'Test', detail: fields });
const onDetail = (field: string, ...values: unknown[]) => ({ detail: { [field]: values } });

describe('numeric', () => {
  const range = onDetail('n', { numeric: ['>', 0, '<=', 5] });

  it('honours open and closed bounds', () => {
    expect(matches(range, detail({ n: 0 }))).toBe(false);
    expect(matches(range, detail({ n: 0.000001 }))).toBe(true);
    expect(matches(range, detail({ n: 5 }))).toBe(true);
    expect(matches(range, detail({ n: 5.000001 }))).toBe(false);
    expect(matches(onDetail('n', { numeric: ['>=', 10, '<', 20] }), detail({ n: 10 }))).toBe(true);
    expect(matches(onDetail('n', { numeric: ['>=', 10, '<', 20] }), detail({ n: 20 }))).toBe(false);
    expect(matches(onDetail('n', { numeric: ['<', 0] }), detail({ n: -3.5 }))).toBe(true);
    expect(matches(onDetail('n', { numeric: ['>=', -1e9] }), detail({ n: -1e9 }))).toBe(true);
  });

  it('compares numbers, not their text, to six decimal places', () => {
    expect(matches(onDetail('n', { numeric: ['=', 3.018e2] }), detail({ n: 301.8 }))).toBe(true);
    expect(matches(onDetail('n', 5), detail({ n: 5.0 }))).toBe(true);
    expect(matches('{"detail":{"n":[5.0]}}', detail({ n: 5 }))).toBe(true);
    expect(matches(onDetail('n', { numeric: ['=', 1] }), detail({ n: 1.0000001 }))).toBe(true);
    expect(matches(onDetail('n', { numeric: ['=', 1] }), detail({ n: 1.000001 }))).toBe(false);
  });

  it('never matches strings, booleans, null or numbers beyond +-5e9', () => {
    for (const n of ['3', true, null, 6e9, -6e9]) expect(matches(range, detail({ n }))).toBe(false);
    expect(matches(onDetail('n', { numeric: ['>', 0] }), detail({ n: 6e9 }))).toBe(false);
  });

  it('matches an exact number beyond the range by value, as a literal', () => {
    expect(matches(onDetail('account', 123456789012), detail({ account: 123456789012 }))).toBe(true);
    expect(matches(onDetail('account', 123456789012), detail({ account: '123456789012' }))).toBe(false);
  });

  it('matches any element of an array', () => {
    expect(matches(range, detail({ n: [10, 20, 3] }))).toBe(true);
    expect(matches(range, detail({ n: [10, 20] }))).toBe(false);
  });

  it.each([
    [['>', 5, '<', 5], 'Bottom must be less than top'],
    [['>=', 10, '<=', 1], 'Bottom must be less than top'],
    [['>', 6e9], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [['=', -5000000001], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [['!=', 5], 'Unrecognized numeric range operator: !='],
    [['=', '5'], 'Value of equals must be numeric'],
    [['>=', 'x'], 'Value of >= must be numeric'],
    [['<', 5, '>', 1], 'Too many elements in numeric expression'],
    [['=', 5, 6], 'Too many elements in numeric expression'],
    [['>', 5, '>', 6], 'Bad numeric range operator: >'],
    [['>', 5, 6], 'Bad value in numeric range: 6'],
    [['>', 5, '<'], 'Value of < must be numeric'],
    [['>', 1, '<', 5, 6], 'Too many terms in numeric range expression'],
    [[], 'Invalid member in numeric match: ]'],
    [[5, '>'], 'Invalid member in numeric match: 5'],
  ])('refuses %j', (operands, message) => {
    expect(reason(onDetail('n', { numeric: operands }))).toBe(message);
  });
});

describe('cidr and IP addresses', () => {
  it('matches IPv4 addresses inside the block only', () => {
    const p = onDetail('ip', { cidr: '10.0.0.0/24' });
    expect(matches(p, detail({ ip: '10.0.0.0' }))).toBe(true);
    expect(matches(p, detail({ ip: '10.0.0.255' }))).toBe(true);
    expect(matches(p, detail({ ip: '10.0.1.0' }))).toBe(false);
    expect(matches(p, detail({ ip: '10.0.0.256' }))).toBe(false);
    expect(matches(p, detail({ ip: 'not an ip' }))).toBe(false);
    expect(matches(p, detail({ ip: ['192.168.0.1', '10.0.0.7'] }))).toBe(true);
    expect(matches(onDetail('ip', { cidr: '0.0.0.0/0' }), detail({ ip: '255.255.255.255' }))).toBe(true);
  });

  it('matches IPv6 addresses however they are written', () => {
    const p = onDetail('ip', { cidr: '2001:db8::/32' });
    expect(matches(p, detail({ ip: '2001:db8::1' }))).toBe(true);
    expect(matches(p, detail({ ip: '2001:0DB8:ffff:0:0:0:0:1' }))).toBe(true);
    expect(matches(p, detail({ ip: '2001:db9::1' }))).toBe(false);
    expect(matches(p, detail({ ip: '10.0.0.1' }))).toBe(false);
  });

  it('compares a plain IP value as an address', () => {
    expect(matches(onDetail('ip', '2001:db8::1'), detail({ ip: '2001:0db8:0000:0000:0000:0000:0000:0001' }))).toBe(true);
    expect(matches(onDetail('ip', '10.0.0.1'), detail({ ip: '10.0.0.1' }))).toBe(true);
    expect(matches(onDetail('ip', '10.0.0.1'), detail({ ip: '10.0.0.2' }))).toBe(false);
  });

  it.each([
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['2001:db8::/128', 'IPv6 mask bits must be < 128'],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/8/8', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/', "Malformed CIDR, one '/' required"],
    ['10.0.0.300/8', 'Invalid IP address: 10.0.0.300'],
    ['example.com/8', 'Nonstandard IP address: example.com'],
  ])('refuses %s', (cidr, message) => {
    expect(reason(onDetail('ip', { cidr }))).toBe(message);
  });

  it('requires a string', () => {
    expect(reason(onDetail('ip', { cidr: 10 }))).toBe('prefix match pattern must be a string');
  });
});

describe('wildcard', () => {
  it('matches any run of characters, anywhere', () => {
    const p = onDetail('file', { wildcard: 'dir/*/file*.png' });
    expect(matches(p, detail({ file: 'dir/a/b/file-1.png' }))).toBe(true);
    expect(matches(p, detail({ file: 'dir//file.png' }))).toBe(true);
    expect(matches(p, detail({ file: 'dir/a/file.jpg' }))).toBe(false);
    expect(matches(p, detail({ file: 'xdir/a/file.png' }))).toBe(false);
    expect(matches(onDetail('file', { wildcard: '*' }), detail({ file: '' }))).toBe(true);
    expect(matches(onDetail('file', { wildcard: '*' }), detail({ file: 5 }))).toBe(false);
    expect(matches(onDetail('file', { wildcard: 'abc' }), detail({ file: 'abc' }))).toBe(true);
    expect(matches(onDetail('file', { wildcard: 'a*a' }), detail({ file: 'a' }))).toBe(false);
  });

  it('treats \\* as a literal star and \\\\ as a literal backslash', () => {
    const star = onDetail('v', { wildcard: 'a\\*b' });
    expect(matches(star, detail({ v: 'a*b' }))).toBe(true);
    expect(matches(star, detail({ v: 'axxb' }))).toBe(false);
    const starThenAny = onDetail('v', { wildcard: '\\**' });
    expect(matches(starThenAny, detail({ v: '*anything' }))).toBe(true);
    expect(matches(starThenAny, detail({ v: 'anything' }))).toBe(false);
    expect(matches(onDetail('v', { wildcard: 'C:\\\\*' }), detail({ v: 'C:\\dir' }))).toBe(true);
  });

  it('refuses consecutive wildcards and bad escapes, counting positions from the opening quote', () => {
    expect(reason(onDetail('v', { wildcard: 'a**b' }))).toBe('Consecutive wildcard characters at pos 2');
    expect(reason(onDetail('v', { wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }))).toBe('Consecutive wildcard characters at pos 26');
    expect(reason(onDetail('v', { wildcard: 'a\\b' }))).toBe('Invalid escape character at pos 2');
    expect(reason(onDetail('v', { wildcard: 'é\\x' }))).toBe('Invalid escape character at pos 3');
    expect(reason(onDetail('v', { 'anything-but': { wildcard: ['ok*', 'x**'] } }))).toBe('Consecutive wildcard characters at pos 2');
  });

  it('refuses patterns too complex to match efficiently', () => {
    expect(reason(onDetail('v', { wildcard: '*a*a*a*a*a*a*' }))).toMatch(/^Rule is too complex/);
    expect(matches(onDetail('v', { wildcard: '*a*b*' }), detail({ v: 'xaybz' }))).toBe(true);
  });
});

describe('$or', () => {
  const p = {
    source: ['orders'],
    detail: {
      $or: [{ customer: { tier: ['gold'] } }, { total: [{ numeric: ['>', 1000] }] }, { $or: [{ rush: [true] }, { region: [{ prefix: 'eu-' }] }] }],
    },
  };

  it('matches when any branch matches, with the fields outside it', () => {
    expect(matches(p, { source: 'orders', detail: { customer: { tier: 'gold' } } })).toBe(true);
    expect(matches(p, { source: 'orders', detail: { total: 1500 } })).toBe(true);
    expect(matches(p, { source: 'orders', detail: { rush: true } })).toBe(true);
    expect(matches(p, { source: 'orders', detail: { region: 'eu-west-1' } })).toBe(true);
    expect(matches(p, { source: 'orders', detail: { customer: { tier: 'silver' }, total: 10 } })).toBe(false);
    expect(matches(p, { source: 'billing', detail: { customer: { tier: 'gold' } } })).toBe(false);
  });

  it('combines with fields read after it', () => {
    const q = { $or: [{ a: ['1'] }, { b: ['2'] }], c: ['3'] };
    expect(matches(q, { a: '1', c: '3' })).toBe(true);
    expect(matches(q, { b: '2', c: '3' })).toBe(true);
    expect(matches(q, { a: '1' })).toBe(false);
  });

  it('works with exists false in a branch', () => {
    const q = { detail: { $or: [{ state: [{ exists: false }] }, { state: ['on'] }] } };
    expect(matches(q, detail({}))).toBe(true);
    expect(matches(q, detail({ state: 'on' }))).toBe(true);
    expect(matches(q, detail({ state: 'off' }))).toBe(false);
  });

  it.each([
    [{ $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['1'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [{ $or: [{ prefix: ['1'] }, { b: ['2'] }] }, 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
    [{ $or: [{ a: { numeric: ['x'] } }, { b: ['2'] }] }, 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
    [{ $or: [{}, { b: ['2'] }] }, 'Empty objects are not allowed'],
  ])('refuses %j', (pattern, message) => {
    expect(reason(pattern)).toBe(message);
  });
});

describe('anything-but', () => {
  it('matches any present value except those listed, of the same type', () => {
    const strings = onDetail('s', { 'anything-but': ['stopped', 'overloaded'] });
    expect(matches(strings, detail({ s: 'running' }))).toBe(true);
    expect(matches(strings, detail({ s: 'stopped' }))).toBe(false);
    expect(matches(strings, detail({ s: 5 }))).toBe(true);
    expect(matches(strings, detail({}))).toBe(false);
    const numbers = onDetail('n', { 'anything-but': [100, 200] });
    expect(matches(numbers, detail({ n: 100.0 }))).toBe(false);
    expect(matches(numbers, detail({ n: 101 }))).toBe(true);
    expect(matches(numbers, detail({ n: '100' }))).toBe(true);
  });

  it('matches an array when any element is not excluded', () => {
    const p = onDetail('s', { 'anything-but': 'a' });
    expect(matches(p, detail({ s: ['a', 'b'] }))).toBe(true);
    expect(matches(p, detail({ s: ['a'] }))).toBe(false);
    expect(matches(p, detail({ s: [] }))).toBe(false);
  });

  it('supports prefix, suffix, equals-ignore-case and wildcard, single or listed', () => {
    expect(matches(onDetail('r', { 'anything-but': { prefix: 'us-' } }), detail({ r: 'eu-west-1' }))).toBe(true);
    expect(matches(onDetail('r', { 'anything-but': { prefix: ['us-', 'eu-'] } }), detail({ r: 'eu-west-1' }))).toBe(false);
    expect(matches(onDetail('f', { 'anything-but': { suffix: ['.png', '.jpg'] } }), detail({ f: 'a.gif' }))).toBe(true);
    expect(matches(onDetail('f', { 'anything-but': { suffix: '.png' } }), detail({ f: 'a.png' }))).toBe(false);
    expect(matches(onDetail('s', { 'anything-but': { 'equals-ignore-case': ['Stopped', 'RUNNING'] } }), detail({ s: 'running' }))).toBe(false);
    expect(matches(onDetail('s', { 'anything-but': { 'equals-ignore-case': 'stopped' } }), detail({ s: 'started' }))).toBe(true);
    expect(matches(onDetail('p', { 'anything-but': { wildcard: ['*/lib/*', '*.tmp'] } }), detail({ p: 'src/lib/x.js' }))).toBe(false);
    expect(matches(onDetail('p', { 'anything-but': { wildcard: '*/lib/*' } }), detail({ p: 'src/app/x.js' }))).toBe(true);
  });

  it.each([
    [{ 'anything-but': ['a', 1] }, 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [{ 'anything-but': [] }, 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [{ 'anything-but': [true] }, 'Inside anything but list, start|null|boolean is not supported.'],
    [{ 'anything-but': true }, 'Value of anything-but must be an array or single string/number value.'],
    [{ 'anything-but': {} }, 'Anything-But expression name not found'],
    [{ 'anything-but': { exists: true } }, 'Unsupported anything-but pattern: exists'],
    [{ 'anything-but': { prefix: '' } }, 'Null prefix/suffix not allowed'],
    [{ 'anything-but': { prefix: ['a', 1] } }, 'prefix/suffix match pattern must be a string'],
    [{ 'anything-but': { wildcard: [1] } }, 'wildcard match pattern must be a string'],
    [{ 'anything-but': { 'equals-ignore-case': [null] } }, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
    [{ 'anything-but': 'a', prefix: 'b' }, 'Too many elements in numeric expression'],
    [{ 'anything-but': [7e9] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
  ])('refuses %j', (expression, message) => {
    expect(reason(onDetail('s', expression))).toBe(message);
  });
});

describe('equals-ignore-case, prefix and suffix', () => {
  it('ignores case of each character the way the rule engine does', () => {
    const p = onDetail('name', { 'equals-ignore-case': 'alice' });
    expect(matches(p, detail({ name: 'ALICE' }))).toBe(true);
    expect(matches(p, detail({ name: 'aLiCe' }))).toBe(true);
    expect(matches(p, detail({ name: 'alice ' }))).toBe(false);
    expect(matches(p, detail({ name: 5 }))).toBe(false);
    // Each character matches its lower- or upper-case form: ß or SS, but not ss.
    const german = onDetail('street', { 'equals-ignore-case': 'straße' });
    expect(matches(german, detail({ street: 'STRASSE' }))).toBe(true);
    expect(matches(german, detail({ street: 'Straße' }))).toBe(true);
    expect(matches(german, detail({ street: 'strasse' }))).toBe(false);
    // The Kelvin sign lower-cases to k, but is not one of k's cases.
    expect(matches(onDetail('u', { 'equals-ignore-case': 'k' }), detail({ u: '\u212a' }))).toBe(false);
  });

  it('applies to prefix and suffix', () => {
    expect(matches(onDetail('s', { prefix: { 'equals-ignore-case': 'EventB' } }), detail({ s: 'eventbridge' }))).toBe(true);
    expect(matches(onDetail('s', { suffix: { 'equals-ignore-case': 'tBridge' } }), detail({ s: 'EVENTBRIDGE' }))).toBe(true);
    expect(matches(onDetail('s', { suffix: { 'equals-ignore-case': 'tBridge' } }), detail({ s: 'bridge' }))).toBe(false);
  });

  it('matches an empty prefix or suffix against any string but not a number', () => {
    expect(matches(onDetail('s', { prefix: '' }), detail({ s: 'x' }))).toBe(true);
    expect(matches(onDetail('s', { prefix: '' }), detail({ s: 1 }))).toBe(false);
  });

  it.each([
    [{ prefix: { 'equals-ignore-case': 1 } }, 'equals-ignore-case match pattern must be a string'],
    [{ prefix: { exists: true } }, 'Unsupported prefix pattern: exists'],
    [{ suffix: {} }, 'Suffix expression name not found'],
    [{ prefix: 'a', suffix: 'b' }, 'Only one key allowed in match expression'],
    [{ prefix: { 'equals-ignore-case': 'a', x: 1 } }, 'Only one key allowed in match expression'],
    [{}, 'Match expression name not found'],
    [{ contains: 'x' }, 'Unrecognized match type contains'],
    [{ exists: 'yes' }, 'exists match pattern must be either true or false.'],
  ])('refuses %j', (expression, message) => {
    expect(reason(onDetail('s', expression))).toBe(message);
  });
});

describe('exists', () => {
  it('is about leaves: an object or an empty array is not a value', () => {
    const missing = { detail: { a: { b: [{ exists: false }] } } };
    expect(matches(missing, detail({ a: [{ c: 1 }, { c: 2 }] }))).toBe(true);
    expect(matches(missing, detail({ a: [{ c: 1 }, { b: 2 }] }))).toBe(false);
    expect(matches(missing, detail({ a: { b: { deeper: 1 } } }))).toBe(true);
    expect(matches(missing, detail({ a: { b: [] } }))).toBe(true);
    expect(matches(missing, detail({ a: { b: null } }))).toBe(false);
    const present = { detail: { a: { b: [{ exists: true }] } } };
    expect(matches(present, detail({ a: { b: null } }))).toBe(true);
    expect(matches(present, detail({ a: [{ b: 'x' }] }))).toBe(true);
    expect(matches(present, detail({ a: { b: [] } }))).toBe(false);
    expect(matches(present, detail({ a: { b: { c: 1 } } }))).toBe(false);
  });
});

describe('values, arrays and paths', () => {
  it('matches each JSON type only against its own kind', () => {
    expect(matches(onDetail('v', true), detail({ v: true }))).toBe(true);
    expect(matches(onDetail('v', true), detail({ v: 'true' }))).toBe(false);
    expect(matches(onDetail('v', null), detail({ v: null }))).toBe(true);
    expect(matches(onDetail('v', null), detail({}))).toBe(false);
    expect(matches(onDetail('v', '5'), detail({ v: 5 }))).toBe(false);
    expect(matches(onDetail('v', ''), detail({ v: '' }))).toBe(true);
  });

  it('matches event arrays by intersection, at any depth, and through arrays of objects', () => {
    const p = { resources: ['arn:b', 'arn:z'] };
    expect(matches(p, { resources: ['arn:a', 'arn:b'] })).toBe(true);
    expect(matches(p, { resources: [['arn:x'], ['arn:z']] })).toBe(true);
    expect(matches(p, { resources: ['arn:a'] })).toBe(false);
    expect(matches({ items: { sku: ['B'] } }, { items: [{ sku: 'A' }, { sku: 'B' }] })).toBe(true);
  });

  it('treats dots in keys like nesting, on both sides', () => {
    expect(matches({ detail: { 'state.status': ['on'] } }, detail({ state: { status: 'on' } }))).toBe(true);
    expect(matches({ detail: { state: { status: ['on'] } } }, detail({ 'state.status': 'on' }))).toBe(true);
    expect(matches({ detail: { state: { status: ['on'] } } }, detail({ 'state.status': { status: 'on' } }))).toBe(false);
  });

  it('does not mistake inherited members for event fields', () => {
    expect(matches({ constructor: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ toString: ['x'] }, { toString: 'x' })).toBe(true);
  });

  it('reads a repeated key as the rule compiler does: the later list wins, objects merge', () => {
    expect(matches('{"a":["1"],"a":["2"]}', { a: '2' })).toBe(true);
    expect(matches('{"a":["1"],"a":["2"]}', { a: '1' })).toBe(false);
    expect(matches('{"d":{"x":["1"]},"d":{"y":["2"]}}', { d: { x: '1', y: '2' } })).toBe(true);
    expect(matches('{"d":{"x":["1"]},"d":{"y":["2"]}}', { d: { y: '2' } })).toBe(false);
  });
});

describe('pattern syntax', () => {
  it.each([
    ['', 'Filter is not an object'],
    ['[]', 'Filter is not an object'],
    ['{}', 'Empty objects are not allowed'],
    ['{"a":{}}', 'Empty objects are not allowed'],
    ['{"a":[[1]]}', 'Match value must be String, number, true, false, or null'],
    ['{"a":"x"}', '"a" must be an object or an array'],
    ['{"a": [1], }', "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"],
    ['{"a" ["x"]}', "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value"],
    ['{"a": ["x"] "b": ["y"]}', "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"],
    ['{"a": ["x" "y"]}', "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries"],
    ['{"a": [nope]}', "Unrecognized token 'nope': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
    ['{"a": ["x"]', 'Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)"{"a": ["x"]"; line: 1, column: 1])'],
    ['{"a": ["x", ', 'Unexpected end-of-input within/between Array entries'],
    ['{"a": ["x"], "b', 'Unexpected end-of-input in field name'],
    ['{"a": ["x]}', 'Unexpected end-of-input: was expecting closing quote for a string value'],
    ['{"a": [tru]}', "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
    ['{"a": [-x]}', "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value"],
    ['{"a": [1.]}', "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit"],
    ['{"a": ["x"]]', `Unexpected close marker ']': expected '}' (for Object starting at [Source: (String)"{"a": ["x"]]"; line: 1, column: 1])`],
    ['{"a": /x/}', "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"],
    ["{'a': ['x']}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"],
    ['{"a": ["\\q"]}', "Unrecognized character escape 'q' (code 113)"],
    ['{"a": [01]}', 'Invalid numeric value: Leading zeroes not allowed'],
  ])('refuses %j', (text, message) => {
    expect(reason(text)).toBe(message);
  });

  it('reports a rule error met before a syntax error later in the text', () => {
    expect(reason('{"a": "x", oops')).toBe('"a" must be an object or an array');
    // A string's body is read only when used: this one never is.
    expect(reason('{"a": "x')).toBe('"a" must be an object or an array');
    // But a value's first token is read with its field name, before the name is looked at.
    expect(reason('{"a": [{"bogus": nope}]}')).toBe("Unrecognized token 'nope': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  });

  it('ignores text after the pattern, as the rule compiler stops reading there', () => {
    expect(matches('{"a":["x"]} trailing', { a: 'x' })).toBe(true);
  });
});

describe('PatternIndex', () => {
  it('adds, replaces and removes rules', () => {
    const index = new PatternIndex<string>();
    index.add('us', compilePattern('{"detail":{"location":[{"prefix":"us-"}]}}'));
    index.add('all', compilePattern('{"source":[{"prefix":"com.aws.order"}]}'));
    const us = { source: 'com.aws.orders', detail: { location: 'us-east' } };
    expect(index.match(us).sort()).toEqual(['all', 'us']);
    index.add('us', compilePattern('{"detail":{"location":[{"prefix":"eu-"}]}}'));
    expect(index.match(us)).toEqual(['all']);
    index.remove('all');
    expect(index.match(us)).toEqual([]);
    expect(index.match({ source: 'x', detail: { location: 'eu-west' } })).toEqual(['us']);
    index.remove('missing');
    expect(index.size).toBe(1);
  });

  it('returns a rule once even when several of its branches match', () => {
    const index = new PatternIndex<number>();
    index.add(1, compilePattern('{"$or":[{"a":["x"]},{"b":["y"]}],"c":[{"exists":false}]}'));
    expect(index.match({ a: 'x', b: 'y' })).toEqual([1]);
    expect(index.match({ a: 'x', b: 'y', c: 1 })).toEqual([]);
  });

  it('finds exactly what testing every pattern finds, over many random rules and events', () => {
    const rand = seededRandom(7);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    const words = ['alpha', 'Beta', 'gamma', 'DELTA', 'eps', 'zeta', 'eta', 'theta'];
    const word = () => `${pick(words)}-${int(12)}`;
    const operand = (): unknown => {
      switch (int(14)) {
        case 0:
          return word();
        case 1:
          return { prefix: pick(words).slice(0, 1 + int(3)) };
        case 2:
          return { suffix: `-${int(12)}` };
        case 3:
          return { 'equals-ignore-case': word().toUpperCase() };
        case 4:
          return { prefix: { 'equals-ignore-case': pick(words).slice(0, 2).toLowerCase() } };
        case 5:
          return { suffix: { 'equals-ignore-case': pick(words).slice(-2).toUpperCase() } };
        case 6:
          return { wildcard: `${pick(words).slice(0, 2)}*-${int(12)}` };
        case 7:
          return { wildcard: `*${pick(['a', 'e', 't'])}*` };
        case 8: {
          const low = int(100);
          return { numeric: ['>=', low, '<', low + 1 + int(30)] };
        }
        case 9:
          return { numeric: [pick(['>', '<', '>=', '<=']), int(100)] };
        case 10:
          return int(100);
        case 11:
          return { 'anything-but': [word(), word()] };
        case 12:
          return { exists: rand() < 0.5 };
        default:
          return pick([true, false, null]);
      }
    };
    const fields = ['source', 'detail.kind', 'detail.n', 'detail.tags', 'detail.item.name'];
    const list = () => Array.from({ length: 1 + int(3) }, operand);
    const nest = (path: string, value: unknown): Record<string, unknown> =>
      path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
    const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
      for (const [k, v] of Object.entries(b)) a[k] = k in a && typeof v === 'object' && !Array.isArray(v) ? merge(a[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
      return a;
    };
    const rule = (): string => {
      let pattern: Record<string, unknown> = {};
      for (const f of fields) if (rand() < 0.35) pattern = merge(pattern, nest(f, list()));
      if (rand() < 0.2) pattern.$or = [nest(pick(fields), list()), nest(pick(fields), list())];
      if (Object.keys(pattern).length === 0) pattern = nest(pick(fields), list());
      return JSON.stringify(pattern);
    };
    const value = (): unknown => (rand() < 0.45 ? word() : rand() < 0.6 ? int(110) : pick([true, false, null, word().toUpperCase()]));
    const event = (): Record<string, unknown> => {
      const e: Record<string, unknown> = {};
      for (const f of fields) {
        if (rand() < 0.15) continue;
        const v = f === 'detail.tags' || rand() < 0.1 ? Array.from({ length: int(4) }, value) : value();
        merge(e, nest(f, v));
      }
      return e;
    };

    const index = new PatternIndex<number>();
    const compiled = new Map<number, ReturnType<typeof compilePattern>>();
    for (let i = 0; i < 1500; i++) {
      const c = compilePattern(rule());
      compiled.set(i, c);
      index.add(i, c);
    }
    // Remove and replace some, so the index's bookkeeping is exercised too.
    for (let i = 0; i < 1500; i += 7) {
      index.remove(i);
      compiled.delete(i);
    }
    for (let i = 3; i < 1500; i += 11) {
      const c = compilePattern(rule());
      compiled.set(i, c);
      index.add(i, c);
    }
    let matched = 0;
    for (let n = 0; n < 600; n++) {
      const e = event();
      const expected = [...compiled].filter(([, c]) => c.matches(e)).map(([id]) => id).sort((a, b) => a - b);
      const actual = index.match(e).sort((a, b) => a - b);
      expect(actual).toEqual(expected);
      matched += expected.length;
    }
    // The generator must produce real matches for the comparison to mean anything.
    expect(matched).toBeGreaterThan(600);
  });
});

