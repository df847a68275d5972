import { createHash, randomUUID } from 'node:crypto';
import { StatesError } from './errors';
import { queryPath, type Json, type PathScope } from './jsonpath';

/**
 * The intrinsic functions (`States.Format('{}', $.x)`, ...) with AWS's semantics: StringSplit
 * splits on each delimiter character and drops empty pieces, MathAdd rounds its arguments to
 * integers, MathRandom's bounds are integers, Hash knows MD5, SHA-1, SHA-256, SHA-384, SHA-512.
 */

export function isIntrinsic(expr: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(expr);
}

type Arg = { kind: 'value'; value: Json } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

function intrinsicFailure(message: string): StatesError {
  return new StatesError('States.IntrinsicFailure', message);
}

/** A small recursive-descent parser for the intrinsic function grammar. */
function parse(text: string): Arg {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
  };
  const arg = (): Arg => {
    ws();
    const c = text[i];
    if (c === "'") {
      i += 1;
      let s = '';
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) {
          s += text[i + 1];
          i += 2;
        } else {
          s += text[i++];
        }
      }
      i += 1;
      return { kind: 'value', value: s };
    }
    if (c === '$') {
      const start = i;
      let depth = 0;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '[' || ch === '(') depth += 1;
        else if (ch === ']' || ch === ')') {
          if (depth === 0) break;
          depth -= 1;
        } else if (ch === ',' && depth === 0) break;
        i += 1;
      }
      return { kind: 'path', path: text.slice(start, i).trim() };
    }
    if (text.startsWith('States.', i)) {
      const m = /^States\.([A-Za-z0-9]+)\s*\(/.exec(text.slice(i))!;
      i += m[0].length;
      const args: Arg[] = [];
      ws();
      if (text[i] === ')') i += 1;
      else {
        for (;;) {
          args.push(arg());
          ws();
          if (text[i] === ',') i += 1;
          else if (text[i] === ')') {
            i += 1;
            break;
          } else throw intrinsicFailure(`Invalid intrinsic function: ${text}`);
        }
      }
      return { kind: 'call', name: `States.${m[1]}`, args };
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) throw intrinsicFailure(`Invalid intrinsic function: ${text}`);
    i += m[0].length;
    return { kind: 'value', value: JSON.parse(m[0]) as Json };
  };
  const result = arg();
  return result;
}

export function evaluateIntrinsic(expr: string, data: Json, scope: PathScope): Json {
  return evaluate(parse(expr.trim()), data, scope);
}

function evaluate(node: Arg, data: Json, scope: PathScope): Json {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'path') {
    const value = queryPath(node.path, data, scope);
    if (value === undefined) throw new StatesError('States.Runtime', `Invalid path '${node.path}' : No results for path`);
    return value;
  }
  const args = node.args.map((a) => evaluate(a, data, scope));
  const fn = FUNCTIONS[node.name];
  if (!fn) throw intrinsicFailure(`The function '${node.name}' is not supported.`);
  return fn(args);
}

const str = (v: Json, fn: string): string => {
  if (typeof v !== 'string') throw intrinsicFailure(`${fn}: expected a string argument, got ${JSON.stringify(v)}`);
  return v;
};
const num = (v: Json, fn: string): number => {
  if (typeof v !== 'number') throw intrinsicFailure(`${fn}: expected a number argument, got ${JSON.stringify(v)}`);
  return v;
};
const arr = (v: Json, fn: string): Json[] => {
  if (!Array.isArray(v)) throw intrinsicFailure(`${fn}: expected an array argument, got ${JSON.stringify(v)}`);
  return v;
};

/** Java's Math.round: halves round towards positive infinity. */
const javaRound = (n: number) => Math.floor(n + 0.5);

function formatArg(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const FUNCTIONS: Record<string, (args: Json[]) => Json> = {
  'States.Format': ([template, ...rest]) => {
    const t = str(template!, 'States.Format');
    let k = 0;
    let out = '';
    for (let i = 0; i < t.length; i += 1) {
      if (t[i] === '\\' && i + 1 < t.length) {
        out += t[++i];
      } else if (t[i] === '{' && t[i + 1] === '}') {
        if (k >= rest.length) throw intrinsicFailure('States.Format: more placeholders than arguments');
        out += formatArg(rest[k++]!);
        i += 1;
      } else out += t[i];
    }
    return out;
  },
  'States.StringToJson': ([s]) => JSON.parse(str(s!, 'States.StringToJson')) as Json,
  'States.JsonToString': ([v]) => JSON.stringify(v),
  'States.Array': (args) => args,
  'States.ArrayPartition': ([a, size]) => {
    const items = arr(a!, 'States.ArrayPartition');
    const n = num(size!, 'States.ArrayPartition');
    if (n <= 0) throw intrinsicFailure('States.ArrayPartition: the chunk size must be greater than 0');
    const out: Json[] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return out;
  },
  'States.ArrayContains': ([a, v]) => arr(a!, 'States.ArrayContains').some((x) => JSON.stringify(x) === JSON.stringify(v)),
  'States.ArrayRange': ([start, end, step]) => {
    const [s, e, st] = [num(start!, 'States.ArrayRange'), num(end!, 'States.ArrayRange'), num(step!, 'States.ArrayRange')];
    if (st === 0) throw intrinsicFailure('States.ArrayRange: the step must not be 0');
    const out: number[] = [];
    for (let x = s; st > 0 ? x <= e : x >= e; x += st) out.push(x);
    if (out.length > 1000) throw intrinsicFailure('States.ArrayRange: the result may hold at most 1000 items');
    return out;
  },
  'States.ArrayGetItem': ([a, i]) => {
    const items = arr(a!, 'States.ArrayGetItem');
    const index = num(i!, 'States.ArrayGetItem');
    if (index < 0 || index >= items.length) throw intrinsicFailure(`States.ArrayGetItem: index ${index} out of bounds`);
    return items[index]!;
  },
  'States.ArrayLength': ([a]) => arr(a!, 'States.ArrayLength').length,
  'States.ArrayUnique': ([a]) => {
    const seen = new Set<string>();
    return arr(a!, 'States.ArrayUnique').filter((x) => {
      const k = JSON.stringify(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  'States.Base64Encode': ([s]) => Buffer.from(str(s!, 'States.Base64Encode'), 'utf8').toString('base64'),
  'States.Base64Decode': ([s]) => Buffer.from(str(s!, 'States.Base64Decode'), 'base64').toString('utf8'),
  'States.Hash': ([data, algorithm]) => {
    const alg = HASHES[str(algorithm!, 'States.Hash')];
    if (!alg) throw intrinsicFailure(`States.Hash: unsupported algorithm ${JSON.stringify(algorithm)}`);
    return createHash(alg).update(formatArg(data!)).digest('hex');
  },
  'States.JsonMerge': ([a, b, deep]) => {
    if (deep !== false) throw intrinsicFailure('States.JsonMerge: only shallow merges (false) are supported');
    return { ...(a as Record<string, Json>), ...(b as Record<string, Json>) };
  },
  'States.MathRandom': ([start, end]) => {
    const s = javaRound(num(start!, 'States.MathRandom'));
    const e = javaRound(num(end!, 'States.MathRandom'));
    return s + Math.floor(Math.random() * (e - s));
  },
  'States.MathAdd': ([a, b]) => javaRound(num(a!, 'States.MathAdd')) + javaRound(num(b!, 'States.MathAdd')),
  'States.StringSplit': ([s, delimiters]) => {
    const text = str(s!, 'States.StringSplit');
    const chars = [...str(delimiters!, 'States.StringSplit')];
    let pieces = [text];
    for (const c of chars) pieces = pieces.flatMap((p) => p.split(c));
    return pieces.filter((p) => p !== '');
  },
  'States.UUID': () => randomUUID(),
};
