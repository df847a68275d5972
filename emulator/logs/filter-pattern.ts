/**
 * CloudWatch Logs filter patterns ("Filter pattern syntax for metric filters, subscription filters,
 * filter log events, and Live Tail"), compiled once into a predicate over a log message:
 *
 * - terms: `ERROR`, `"exact phrase"`; all must occur (case-sensitive substring); `?term` terms
 *   are alternatives (at least one must occur); `-term` terms must not occur;
 * - regular expressions: `%regex%` (AWS's subset: no parentheses, ASCII only);
 * - JSON: `{ $.a.b[0] = "x*" }`, `!=`, numeric `< > <= >= = !=`, `IS NULL`, `IS TRUE`,
 *   `IS FALSE`, `NOT EXISTS`, `&&`, `||`, parentheses; `*` wildcards at either end of a string;
 * - space-delimited: `[ip, user, ..., status_code = 4*, bytes > 1000]`.
 *
 * A pattern that does not parse throws FilterPatternError with AWS's message.
 */
export type Matcher = (message: string) => boolean;

export class FilterPatternError extends Error {}

const INVALID = 'Invalid filter pattern';
const invalid = (): FilterPatternError => new FilterPatternError(INVALID);
const badTerm = (term: string) => new FilterPatternError(`${INVALID}: Invalid character(s) in term '${term}'`);

export function compileFilterPattern(pattern: string): Matcher {
  const text = pattern.trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new FilterPatternError("If a filter pattern starts with '{' it must end with '}'");
    return compileJson(text.slice(1, -1));
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new FilterPatternError("If a filter pattern starts with '[' it must end with ']'");
    return compileDelimited(text.slice(1, -1));
  }
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const re = compileRegex(text.slice(1, -1));
    return (message) => re.test(message);
  }
  return compileTerms(text);
}

// ------------------------------------------------------------------------------------------
// Terms
// ------------------------------------------------------------------------------------------

function compileTerms(text: string): Matcher {
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let bucket = required;
    if (text[i] === '?' || text[i] === '-') {
      const prefix = text[i]!;
      bucket = prefix === '?' ? optional : excluded;
      i++;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (i >= text.length) throw badTerm(prefix);
    }
    let term: string;
    if (text[i] === '"') {
      const { value, end } = readQuoted(text, i);
      if (value === '') throw badTerm(text.slice(i, end));
      term = value;
      i = end;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      term = text.slice(start, i);
      // Bare terms are words; anything that would need quoting must be quoted.
      if (/["{}[\]%]|[^\x20-\x7e]/.test(term)) throw badTerm(term);
    }
    bucket.push(term);
  }
  return (message) => {
    for (const t of required) if (!message.includes(t)) return false;
    for (const t of excluded) if (message.includes(t)) return false;
    if (optional.length === 0) return true;
    for (const t of optional) if (message.includes(t)) return true;
    return false;
  };
}

/** Reads `"..."` starting at `start` (a quote); `\"` and `\\` escape. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { value, end: i + 1 };
    value += c;
    i++;
  }
  throw invalid();
}

// ------------------------------------------------------------------------------------------
// Regular expressions: %...%
// ------------------------------------------------------------------------------------------

// The characters AWS's regex subset admits: letters, digits, _ # = @ / ; , - : and the operators
// ^ $ ? [ ] { } | \ * + . (no parentheses, nothing multi-byte).
const REGEX_CHARS = /^[A-Za-z0-9_#=@/;,\-:^$?[\]{}|\\*+. ]*$/;

function compileRegex(body: string): RegExp {
  if (body === '' || !REGEX_CHARS.test(body)) throw invalid();
  try {
    return new RegExp(body);
  } catch {
    throw invalid();
  }
}

// ------------------------------------------------------------------------------------------
// Values compared by JSON and space-delimited patterns
// ------------------------------------------------------------------------------------------

type Op = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** The right-hand side of a comparison, compiled once. */
interface Literal {
  /** As written, without quotes. */
  text: string;
  quoted: boolean;
  /** Its numeric value when written as a number (unquoted). */
  number?: number;
  /** String test honouring `*` at either end, or the regex of a `%...%` value. */
  test: (s: string) => boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function literal(text: string, quoted: boolean): Literal {
  if (!quoted && text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const re = compileRegex(text.slice(1, -1));
    return { text, quoted, test: (s) => re.test(s) };
  }
  const number = !quoted && NUMBER.test(text) ? Number(text) : undefined;
  return { text, quoted, number, test: wildcard(text) };
}

/**
 * `*` alone matches anything; a leading or trailing `*` matches any text before or after; a `*`
 * elsewhere is the character itself, as the documentation's `Ev*ent` example says.
 */
function wildcard(text: string): (s: string) => boolean {
  if (text === '*') return () => true;
  const lead = text.startsWith('*');
  const trail = text.length > 1 && text.endsWith('*');
  const core = text.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (lead && trail) return (s) => s.includes(core);
  if (lead) return (s) => s.endsWith(core);
  if (trail) return (s) => s.startsWith(core);
  return (s) => s === core;
}

/** Compares a value found in the event with a literal; `value` is a string, number or boolean. */
function compare(value: string | number | boolean, op: Op, lit: Literal): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof value === 'number') equal = lit.number !== undefined ? value === lit.number : lit.text === '*' || lit.test(String(value));
    else equal = lit.test(String(value));
    return op === '=' ? equal : !equal;
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n) || lit.number === undefined) return false;
  switch (op) {
    case '<':
      return n < lit.number;
    case '>':
      return n > lit.number;
    case '<=':
      return n <= lit.number;
    case '>=':
      return n >= lit.number;
  }
}

// ------------------------------------------------------------------------------------------
// Expression scanner shared by JSON and space-delimited conditions
// ------------------------------------------------------------------------------------------

type Token =
  | { kind: 'op'; value: Op }
  | { kind: 'and' | 'or' | 'lparen' | 'rparen' | 'comma' }
  | { kind: 'word'; value: string }
  | { kind: 'string'; value: string };

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('&&', i)) {
      tokens.push({ kind: 'and' });
      i += 2;
    } else if (text.startsWith('||', i)) {
      tokens.push({ kind: 'or' });
      i += 2;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma' });
      i++;
    } else if (c === '!' || c === '<' || c === '>' || c === '=') {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ kind: 'op', value: two });
        i += 2;
      } else if (c === '!') {
        throw invalid();
      } else {
        tokens.push({ kind: 'op', value: c as Op });
        i++;
      }
    } else if (c === '"') {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', value });
      i = end;
    } else {
      const start = i;
      while (i < text.length && !/[\s()=!<>,"]/.test(text[i]!) && !text.startsWith('&&', i) && !text.startsWith('||', i)) i++;
      tokens.push({ kind: 'word', value: text.slice(start, i) });
    }
  }
  return tokens;
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw invalid();
    return t;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

/** `a || b`, `a && b` and parentheses over leaf conditions, with && binding tighter. */
function parseBoolean<T>(cur: Cursor, leaf: (cur: Cursor) => (env: T) => boolean): (env: T) => boolean {
  const parseOr = (): ((env: T) => boolean) => {
    const terms = [parseAnd()];
    while (cur.peek()?.kind === 'or') {
      cur.next();
      terms.push(parseAnd());
    }
    return terms.length === 1 ? terms[0]! : (env) => terms.some((t) => t(env));
  };
  const parseAnd = (): ((env: T) => boolean) => {
    const terms = [parseUnary()];
    while (cur.peek()?.kind === 'and') {
      cur.next();
      terms.push(parseUnary());
    }
    return terms.length === 1 ? terms[0]! : (env) => terms.every((t) => t(env));
  };
  const parseUnary = (): ((env: T) => boolean) => {
    if (cur.peek()?.kind === 'lparen') {
      cur.next();
      const inner = parseOr();
      if (cur.next().kind !== 'rparen') throw invalid();
      return inner;
    }
    return leaf(cur);
  };
  return parseOr();
}

function readLiteral(cur: Cursor): Literal {
  const t = cur.next();
  if (t.kind === 'string') return literal(t.value, true);
  if (t.kind === 'word') return literal(t.value, false);
  throw invalid();
}

// ------------------------------------------------------------------------------------------
// JSON patterns: { SELECTOR OP VALUE ... }
// ------------------------------------------------------------------------------------------

type Step = string | number;
const MISSING = Symbol('missing');

/** `$.a.b[0][1].c` into steps; property names are letters, digits, `_` and `-`. */
function parseSelector(text: string): Step[] {
  if (!text.startsWith('$')) throw invalid();
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_\-@]+)|\[(\d+)\]/y;
  let i = 1;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw invalid();
    steps.push(m[1] !== undefined ? m[1] : Number(m[2]));
    i = re.lastIndex;
  }
  if (steps.length === 0) throw invalid();
  return steps;
}

function select(root: unknown, steps: Step[]): unknown {
  let node: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return MISSING;
      node = node[step];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step)) return MISSING;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}

function keyword(cur: Cursor, ...words: string[]): boolean {
  const t = cur.peek();
  return t?.kind === 'word' && words.includes(t.value.toUpperCase());
}

function jsonCondition(cur: Cursor): (root: unknown) => boolean {
  const head = cur.next();
  if (head.kind !== 'word') throw invalid();
  const steps = parseSelector(head.value);
  if (keyword(cur, 'IS')) {
    cur.next();
    const what = cur.next();
    if (what.kind !== 'word') throw invalid();
    switch (what.value.toUpperCase()) {
      case 'NULL':
        return (root) => select(root, steps) === null;
      case 'TRUE':
        return (root) => select(root, steps) === true;
      case 'FALSE':
        return (root) => select(root, steps) === false;
      default:
        throw invalid();
    }
  }
  if (keyword(cur, 'NOT')) {
    cur.next();
    const what = cur.next();
    if (what.kind !== 'word' || what.value.toUpperCase() !== 'EXISTS') throw invalid();
    return (root) => select(root, steps) === MISSING;
  }
  if (keyword(cur, 'EXISTS')) {
    cur.next();
    return (root) => select(root, steps) !== MISSING;
  }
  const op = cur.next();
  if (op.kind !== 'op') throw invalid();
  const lit = readLiteral(cur);
  if (op.value !== '=' && op.value !== '!=' && lit.number === undefined) throw invalid();
  // Only value nodes (strings, numbers, booleans) compare; objects, arrays, null and missing
  // properties match neither `=` nor `!=`.
  return (root) => {
    const v = select(root, steps);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
    return compare(v, op.value, lit);
  };
}

function compileJson(body: string): Matcher {
  const cur = new Cursor(scan(body));
  if (cur.done()) throw invalid();
  const test = parseBoolean(cur, jsonCondition);
  if (!cur.done()) throw invalid();
  return (message) => {
    // Only messages that are JSON documents can match; a cheap first-character check spares the
    // parse for plain text lines.
    const first = message.trimStart()[0];
    if (first !== '{' && first !== '[') return false;
    let root: unknown;
    try {
      root = JSON.parse(message);
    } catch {
      return false;
    }
    return test(root);
  };
}

// ------------------------------------------------------------------------------------------
// Space-delimited patterns: [name, name = value, ..., name > 10 && name != 4*]
// ------------------------------------------------------------------------------------------

type Fields = Map<string, string>;

interface Slot {
  ellipsis: boolean;
  name?: string;
  condition?: (fields: Fields) => boolean;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted || depth !== 0) throw invalid();
  parts.push(body.slice(start));
  return parts;
}

function fieldCondition(cur: Cursor): (fields: Fields) => boolean {
  const name = cur.next();
  if (name.kind !== 'word') throw invalid();
  const op = cur.next();
  if (op.kind !== 'op') throw invalid();
  const lit = readLiteral(cur);
  if (op.value !== '=' && op.value !== '!=' && lit.number === undefined) throw invalid();
  return (fields) => {
    const v = fields.get(name.value);
    if (v === undefined) return false;
    const asNumber = lit.number !== undefined && NUMBER.test(v) ? Number(v) : v;
    return compare(asNumber, op.value, lit);
  };
}

function compileDelimited(body: string): Matcher {
  const slots: Slot[] = splitTopLevel(body).map((raw, index) => {
    const text = raw.trim();
    if (text === '...' || text === '\u2026') return { ellipsis: true };
    if (text === '') return { ellipsis: false, name: `$${index + 1}` };
    const tokens = scan(text);
    const first = tokens[0];
    if (tokens.length === 1 && first?.kind === 'word') return { ellipsis: false, name: first.value };
    if (first?.kind !== 'word' && first?.kind !== 'lparen') throw invalid();
    const cur = new Cursor(tokens);
    const condition = parseBoolean(cur, fieldCondition);
    if (!cur.done()) throw invalid();
    // The slot's own name is the first name its condition mentions.
    const own = tokens.find((t): t is { kind: 'word'; value: string } => t.kind === 'word')!.value;
    return { ellipsis: false, name: own, condition };
  });

  return (message) => {
    const tokens = splitMessage(message);
    const fields: Fields = new Map();
    // Slots bind to message fields left to right; an ellipsis takes any number of fields, so
    // the binding backtracks until every condition holds or no binding is left.
    const bind = (s: number, t: number): boolean => {
      if (s === slots.length) {
        if (t !== tokens.length) return false;
        return slots.every((slot) => !slot.condition || slot.condition(fields));
      }
      const slot = slots[s]!;
      if (slot.ellipsis) {
        for (let k = t; k <= tokens.length; k++) if (bind(s + 1, k)) return true;
        return false;
      }
      if (t >= tokens.length) return false;
      fields.set(slot.name!, tokens[t]!);
      fields.set(`$${s + 1}`, tokens[t]!);
      return bind(s + 1, t + 1);
    };
    return bind(0, 0);
  };
}

/** Splits on spaces; text inside `"..."` or `[...]` is one field, without its delimiters. */
function splitMessage(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    const c = message[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end >= 0) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const start = i;
    while (i < message.length && message[i] !== ' ' && message[i] !== '\t') i++;
    fields.push(message.slice(start, i));
  }
  return fields;
}
