/**
 * A pull reader over a pattern's JSON text, token by token, behaving as the Jackson streaming
 * parser (2.14) that EventBridge's rule compiler (aws/event-ruler's JsonRuleCompiler) reads
 * patterns with. Reading token by token, instead of JSON.parse, is what AWS's answers depend on:
 * - a duplicate key is seen twice, in order (a later path overrides an earlier one, sibling
 *   objects under a repeated key merge);
 * - numbers keep their text ("5.0", "3.018e2");
 * - syntax is checked lazily, exactly as far as Jackson has read, so a rule error early in the
 *   text wins over a syntax error after it (and Jackson reads a value's first token together
 *   with the field name before it, but a string's body only when it is used);
 * - text after the closing brace of the pattern is never read.
 * Syntax errors carry Jackson's wording. Its trailing "\n at [Source: ...]" location is left out,
 * as in the messages AWS's conformance data records; a location that is part of the first line
 * (the start of an unclosed object) is kept.
 *
 * No JSON library reproduces Jackson's error wording and reading order, hence this hand-written
 * scanner.
 */

export enum Tok {
  StartObject,
  EndObject,
  StartArray,
  EndArray,
  FieldName,
  String,
  NumberInt,
  NumberFloat,
  True,
  False,
  Null,
  /** End of input (Jackson's null token). */
  End,
}

export class PatternSyntaxError extends Error {}

interface Context {
  readonly kind: 'Object' | 'Array';
  /** Offset of the opening bracket, for Jackson's "start marker" locations. */
  readonly start: number;
  /** Whether a value (or field) has been read, so the next one needs a comma first. */
  entries: number;
}

const VALID_VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const COMMENT = "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)";

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Java's Character.isJavaIdentifierStart / Part, for the characters Jackson reads into a bad token. */
const identStart = (c: number) => /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u.test(String.fromCodePoint(c));
const identPart = (c: number) => identStart(c) || /[\p{Nd}\p{Mn}\p{Mc}]/u.test(String.fromCodePoint(c)) || (c >= 0 && c <= 8) || (c >= 0x0e && c <= 0x1b) || c === 0x7f;

export class PatternReader {
  private pos = 0;
  private readonly stack: Context[] = [];
  private current: Tok | undefined;
  /** The value token read with the field name, handed out by the next call. */
  private pendingValue: Tok | undefined;
  /** Offset of the opening quote of a string value whose body has not been read yet. */
  private incompleteString = -1;
  private textValue = '';
  /** The current field name (Jackson's getCurrentName()). */
  name = '';

  constructor(private readonly src: string) {}

  /** Jackson's getText() of the current token; a string's body is read (and checked) only now. */
  get text(): string {
    if (this.incompleteString >= 0) this.finishString();
    return this.textValue;
  }

  next(): Tok {
    if (this.current === Tok.FieldName) return this.afterName();
    if (this.incompleteString >= 0) this.finishString();
    let c = this.skipWhitespaceOrEnd();
    if (c < 0) return this.emit(Tok.End, '');
    if (c === 0x5d || c === 0x7d) return this.closeScope(c);
    const ctx = this.top();
    if (ctx && ctx.entries > 0) {
      if (c !== 0x2c) this.unexpected(c, `was expecting comma to separate ${ctx.kind} entries`);
      this.pos++;
      c = this.skipWhitespace(` within/between ${ctx.kind} entries`);
    }
    if (ctx) ctx.entries++;
    if (ctx?.kind === 'Object') {
      this.name = c === 0x22 ? this.readName() : this.unexpected(c, 'was expecting double-quote to start field name');
      this.skipColon();
      c = this.skipWhitespace(' within/between Object entries');
      this.pendingValue = this.value(c, true);
      return this.emit(Tok.FieldName, this.name);
    }
    return this.value(c, false);
  }

  private top(): Context | undefined {
    return this.stack[this.stack.length - 1];
  }

  private emit(t: Tok, text: string): Tok {
    this.current = t;
    this.textValue = text;
    return t;
  }

  private afterName(): Tok {
    const t = this.pendingValue!;
    this.pendingValue = undefined;
    if (t === Tok.StartObject || t === Tok.StartArray) {
      this.stack.push({ kind: t === Tok.StartObject ? 'Object' : 'Array', start: this.pos - 1, entries: 0 });
    }
    this.current = t;
    if (t === Tok.String) this.incompleteString = this.stringStart;
    else this.textValue = this.pendingText;
    return t;
  }

  private stringStart = -1;
  private pendingText = '';

  /** Reads the start of a value at `c`; after a field name the token is kept for the next call. */
  private value(c: number, afterName: boolean): Tok {
    const start = this.pos;
    let t: Tok;
    let text = '';
    switch (c) {
      case 0x22:
        this.pos++;
        this.stringStart = start;
        t = Tok.String;
        break;
      case 0x5b:
      case 0x7b:
        this.pos++;
        t = c === 0x5b ? Tok.StartArray : Tok.StartObject;
        text = c === 0x5b ? '[' : '{';
        if (!afterName) this.stack.push({ kind: c === 0x5b ? 'Array' : 'Object', start, entries: 0 });
        break;
      case 0x7d:
        return this.unexpected(c, 'expected a value');
      case 0x74:
        this.matchKeyword('true');
        t = Tok.True;
        text = 'true';
        break;
      case 0x66:
        this.matchKeyword('false');
        t = Tok.False;
        text = 'false';
        break;
      case 0x6e:
        this.matchKeyword('null');
        t = Tok.Null;
        text = 'null';
        break;
      case 0x2d:
        text = this.readNumber(true);
        t = /[.eE]/.test(text) ? Tok.NumberFloat : Tok.NumberInt;
        break;
      default:
        if (isDigit(c)) {
          text = this.readNumber(false);
          t = /[.eE]/.test(text) ? Tok.NumberFloat : Tok.NumberInt;
          break;
        }
        return this.oddValue(c);
    }
    if (afterName) {
      this.pendingText = text;
      return t;
    }
    this.current = t;
    // A string's body stays unread (the position just after its quote) until used or skipped.
    if (t === Tok.String) this.incompleteString = start;
    else this.textValue = text;
    return t;
  }

  private finishString(): void {
    const start = this.incompleteString;
    this.incompleteString = -1;
    this.pos = start + 1;
    this.textValue = this.readStringBody('string value');
  }

  private readName(): string {
    this.pos++;
    return this.readStringBody('name');
  }

  /** Decodes a string body after its opening quote, with Jackson's messages. */
  private readStringBody(what: 'name' | 'string value'): string {
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        this.fail(what === 'name' ? 'Unexpected end-of-input in field name' : 'Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x22) return out;
      if (c === 0x5c) {
        out += this.escape();
        continue;
      }
      if (c < 32) this.fail(`Illegal unquoted character (${describe(c)}): has to be escaped using backslash to be included in ${what}`);
      out += String.fromCharCode(c);
    }
  }

  private escape(): string {
    if (this.pos >= this.src.length) this.fail('Unexpected end-of-input in character escape sequence');
    const c = this.src.charCodeAt(this.pos++);
    switch (c) {
      case 0x62:
        return '\b';
      case 0x74:
        return '\t';
      case 0x6e:
        return '\n';
      case 0x66:
        return '\f';
      case 0x72:
        return '\r';
      case 0x22:
      case 0x2f:
      case 0x5c:
        return String.fromCharCode(c);
      case 0x75: {
        let code = 0;
        for (let i = 0; i < 4; i++) {
          if (this.pos >= this.src.length) this.fail('Unexpected end-of-input in character escape sequence');
          const h = this.src.charCodeAt(this.pos++);
          const v = isDigit(h) ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (v < 0) this.fail(`Unexpected character (${describe(h)}): expected a hex-digit for character escape sequence`);
          code = (code << 4) | v;
        }
        return String.fromCharCode(code);
      }
      default:
        return this.fail(`Unrecognized character escape ${describe(c)}`);
    }
  }

  private matchKeyword(word: string): void {
    let i = 1;
    for (; i < word.length; i++) {
      if (this.src.charCodeAt(this.pos + i) !== word.charCodeAt(i)) break;
    }
    const after = this.src.codePointAt(this.pos + i);
    // Jackson accepts anything below '0', ']' and '}' after a keyword without a closer look.
    if (i === word.length && (after === undefined || after < 0x30 || after === 0x5d || after === 0x7d || !identPart(after))) {
      this.pos += word.length;
      return;
    }
    this.invalidToken(word.slice(0, i), this.pos + i);
  }

  /** Jackson's "Unrecognized token": the part read so far plus the identifier characters after it. */
  private invalidToken(matched: string, from: number): never {
    let token = matched;
    let p = from;
    while (p < this.src.length) {
      const cp = this.src.codePointAt(p)!;
      if (!identPart(cp)) break;
      token += String.fromCodePoint(cp);
      p += cp > 0xffff ? 2 : 1;
    }
    this.fail(`Unrecognized token '${token}': was expecting ${VALID_VALUES}`);
  }

  private oddValue(c: number): never {
    if (c === 0x4e && this.src.startsWith('NaN', this.pos)) this.fail("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    if (c === 0x49 && this.src.startsWith('Infinity', this.pos)) this.fail("Non-standard token 'Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    if (c === 0x2b && isDigit(this.src.charCodeAt(this.pos + 1))) {
      this.fail("Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow");
    }
    if (identStart(c)) this.invalidToken(String.fromCodePoint(c), this.pos + (c > 0xffff ? 2 : 1));
    this.unexpected(c, `expected a valid value ${VALID_VALUES}`);
  }

  /** Reads a number's text with Jackson's checks (leading zeros, digits after '-', '.' and the exponent). */
  private readNumber(negative: boolean): string {
    const start = this.pos;
    if (negative) {
      this.pos++;
      const c = this.peek();
      if (c < 0) this.fail('Unexpected end-of-inputNo digit following minus sign');
      if (!isDigit(c)) this.numberChar(c, 'expected digit (0-9) to follow minus sign, for valid numeric value');
    }
    if (this.peek() === 0x30 && isDigit(this.src.charCodeAt(this.pos + 1))) this.fail('Invalid numeric value: Leading zeroes not allowed');
    while (isDigit(this.peek())) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      const before = this.pos;
      while (isDigit(this.peek())) this.pos++;
      // At the end of input Jackson names the last character it read: the point.
      if (this.pos === before) this.numberChar(this.peek() < 0 ? 0x2e : this.peek(), 'Decimal point not followed by a digit');
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.pos++;
      const before = this.pos;
      while (isDigit(this.peek())) this.pos++;
      if (this.pos === before) {
        if (this.peek() < 0) this.fail('Unexpected end-of-inputexpected a digit for number exponent');
        this.numberChar(this.peek(), 'Exponent indicator not followed by a digit');
      }
    }
    // At the top level a number must be followed by white space or the end.
    const after = this.peek();
    if (this.stack.length === 0 && after >= 0 && after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d) {
      this.unexpected(after, 'Expected space separating root-level values');
    }
    return this.src.slice(start, this.pos);
  }

  private numberChar(c: number, what: string): never {
    if (c < 0) this.fail('Unexpected end-of-input in number value');
    this.fail(`Unexpected character (${describe(c)}) in numeric value: ${what}`);
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.charCodeAt(this.pos) : -1;
  }

  private closeScope(c: number): Tok {
    const ctx = this.top();
    if (!ctx) {
      const other = c === 0x7d ? ']' : '}';
      this.fail(`Unexpected close marker '${String.fromCharCode(c)}': expected '${other}' (for root starting at ${this.location(-1)})`);
    }
    const want = ctx.kind === 'Object' ? 0x7d : 0x5d;
    if (c !== want) {
      this.fail(`Unexpected close marker '${String.fromCharCode(c)}': expected '${String.fromCharCode(want)}' (for ${ctx.kind} starting at ${this.location(ctx.start)})`);
    }
    this.pos++;
    this.stack.pop();
    return this.emit(c === 0x7d ? Tok.EndObject : Tok.EndArray, String.fromCharCode(c));
  }

  private skipColon(): void {
    const c = this.skipWhitespace(' within/between Object entries');
    if (c !== 0x3a) this.unexpected(c, 'was expecting a colon to separate field name and value');
    this.pos++;
  }

  /** Next significant character, or -1 at the end (an error inside an open object or array). */
  private skipWhitespaceOrEnd(): number {
    const c = this.skipSpaces();
    if (c >= 0) return c;
    const ctx = this.top();
    if (ctx) this.fail(`Unexpected end-of-input: expected close marker for ${ctx.kind} (start marker at ${this.location(ctx.start)})`);
    return -1;
  }

  /** Next significant character, where the end of input is an error. */
  private skipWhitespace(within: string): number {
    const c = this.skipSpaces();
    if (c < 0) this.fail(`Unexpected end-of-input${within}`);
    return c;
  }

  private skipSpaces(): number {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        this.pos++;
        continue;
      }
      if (c === 0x2f) this.unexpected(c, COMMENT);
      if (c < 32) this.fail(`Illegal character (${describe(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`);
      return c;
    }
    return -1;
  }

  private unexpected(c: number, what: string): never {
    this.fail(`Unexpected character (${describe(c)}): ${what}`);
  }

  /** Jackson's rendering of a location inside the pattern text (line and column from 1). */
  private location(offset: number): string {
    const max = 500;
    const content = this.src.length > max ? `"${sourceSnippet(this.src.slice(0, max))}"[truncated ${this.src.length - max} chars]` : `"${sourceSnippet(this.src)}"`;
    // The root context starts before the text: Jackson places it at line 1, column 0.
    if (offset < 0) return `[Source: (String)${content}; line: 1, column: 0]`;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      const c = this.src.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && this.src.charCodeAt(i + 1) !== 0x0a)) {
        line++;
        lineStart = i + 1;
      }
    }
    return `[Source: (String)${content}; line: ${line}, column: ${offset - lineStart + 1}]`;
  }

  fail(message: string): never {
    throw new PatternSyntaxError(message);
  }
}

/** Jackson's description of a character in its messages. */
function describe(code: number): string {
  if (isIsoControl(code)) return `(CTRL-CHAR, code ${code})`;
  const ch = String.fromCharCode(code);
  if (code > 255) return `'${ch}' (code ${code} / 0x${code.toString(16)})`;
  return `'${ch}' (code ${code})`;
}

function isIsoControl(code: number): boolean {
  return code < 32 || (code >= 127 && code <= 159);
}

/** Jackson's rendering of the pattern text in a location: control characters but CR and LF as \uXXXX. */
function sourceSnippet(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += isIsoControl(c) && c !== 0x0a && c !== 0x0d ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : text[i];
  }
  return out;
}
