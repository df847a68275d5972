import { createScanner, type JSONScanner } from 'jsonc-parser';

/**
 * A pull reader over a pattern's JSON text, token by token, in the manner of the Jackson streaming
 * parser EventBridge's rule compiler (aws/event-ruler's JsonRuleCompiler) reads patterns with.
 * Reading token by token, instead of JSON.parse, is what AWS's answers depend on:
 * - a duplicate key is seen twice, in order (a later path overrides an earlier one, sibling
 *   objects under a repeated key merge);
 * - numbers keep their text ("5.0", "3.018e2");
 * - syntax is checked lazily, so a rule error early in the text wins over a syntax error after it;
 * - text after the closing brace of the pattern is never read.
 * Syntax errors carry Jackson's wording, without its "at [Source: ...]" location suffix.
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

/** jsonc-parser's SyntaxKind values (its const enum cannot be imported under isolatedModules). */
const K = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  Colon: 6,
  Null: 7,
  True: 8,
  False: 9,
  String: 10,
  Number: 11,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;

/** jsonc-parser's ScanError values. */
const ScanErr = { None: 0, EndOfComment: 1, EndOfString: 2, EndOfNumber: 3, InvalidUnicode: 4, InvalidEscape: 5, InvalidChar: 6 } as const;

export class PatternSyntaxError extends Error {}

type Ctx = { kind: 'object' | 'array'; state: 'start' | 'afterName' | 'afterValue' };

const VALUE_EXPECTED = "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

export class PatternReader {
  private readonly scanner: JSONScanner;
  private readonly stack: Ctx[] = [];
  private rootDone = false;
  /** Jackson's getText() of the current token. */
  text = '';
  /** The current field name (Jackson's getCurrentName()). */
  name = '';

  constructor(private readonly source: string) {
    this.scanner = createScanner(source, false);
  }

  next(): Tok {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.rootDone) return this.end();
      this.rootDone = true;
      return this.value(this.scan(), true);
    }
    if (top.kind === 'object') {
      if (top.state === 'afterName') {
        const kind = this.scan();
        if (kind !== K.Colon) this.unexpected(kind, 'was expecting a colon to separate field name and value');
        top.state = 'afterValue';
        return this.value(this.scan(), false);
      }
      let kind = this.scan();
      if (top.state === 'afterValue') {
        if (kind === K.CloseBrace) return this.close('object');
        if (kind === K.CloseBracket) this.fail("Unexpected close marker ']': expected '}'");
        if (kind !== K.Comma) this.unexpected(kind, 'was expecting comma to separate Object entries');
        kind = this.scan();
      } else if (kind === K.CloseBrace) {
        return this.close('object');
      }
      if (kind !== K.String) this.unexpected(kind, 'was expecting double-quote to start field name');
      this.checkString();
      top.state = 'afterName';
      this.name = this.text = this.scanner.getTokenValue();
      return Tok.FieldName;
    }
    let kind = this.scan();
    if (top.state === 'afterValue') {
      if (kind === K.CloseBracket) return this.close('array');
      if (kind === K.CloseBrace) this.fail("Unexpected close marker '}': expected ']'");
      if (kind !== K.Comma) this.unexpected(kind, 'was expecting comma to separate Array entries');
      kind = this.scan();
    } else if (kind === K.CloseBracket) {
      return this.close('array');
    }
    top.state = 'afterValue';
    return this.value(kind, false);
  }

  private end(): Tok {
    this.text = '';
    return Tok.End;
  }

  private close(kind: 'object' | 'array'): Tok {
    this.stack.pop();
    this.text = kind === 'object' ? '}' : ']';
    return kind === 'object' ? Tok.EndObject : Tok.EndArray;
  }

  private value(kind: number, root: boolean): Tok {
    switch (kind) {
      case K.OpenBrace:
        this.stack.push({ kind: 'object', state: 'start' });
        this.text = '{';
        return Tok.StartObject;
      case K.OpenBracket:
        this.stack.push({ kind: 'array', state: 'start' });
        this.text = '[';
        return Tok.StartArray;
      case K.String:
        this.checkString();
        this.text = this.scanner.getTokenValue();
        return Tok.String;
      case K.Number:
        return this.number();
      case K.True:
        this.text = 'true';
        return Tok.True;
      case K.False:
        this.text = 'false';
        return Tok.False;
      case K.Null:
        this.text = 'null';
        return Tok.Null;
      case K.Unknown:
        return this.unknown();
      case K.EOF:
        if (root) return this.end();
        return this.fail(`Unexpected end-of-input: expected close marker for ${this.stack[this.stack.length - 1]?.kind === 'array' ? 'Array' : 'Object'}`);
      default:
        return this.unexpected(kind, 'expected a value');
    }
  }

  private number(): Tok {
    const text = this.scanner.getTokenValue();
    if (this.scanner.getTokenError() !== ScanErr.None) this.fail('Unexpected end-of-input in number value');
    const after = this.source.charCodeAt(this.scanner.getPosition());
    if (/^-?0$/.test(text) && after >= 48 && after <= 57) this.fail('Invalid numeric value: Leading zeroes not allowed');
    this.text = text;
    return /[.eE]/.test(text) ? Tok.NumberFloat : Tok.NumberInt;
  }

  /** A bare word Jackson cannot read as a value: its wording depends on the first character. */
  private unknown(): never {
    const word = this.scanner.getTokenValue();
    const first = word.codePointAt(0) ?? 0;
    if (/[\p{L}\p{N}_$]/u.test(String.fromCodePoint(first))) this.fail(`Unrecognized token '${word}': ${VALUE_EXPECTED}`);
    this.fail(`Unexpected character (${describeChar(first)}): expected a valid value ${VALUE_EXPECTED.replace('was expecting ', '')}`);
  }

  private checkString(): void {
    switch (this.scanner.getTokenError()) {
      case ScanErr.None:
        return;
      case ScanErr.EndOfString:
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      case ScanErr.InvalidEscape: {
        const raw = this.source.slice(this.scanner.getTokenOffset(), this.scanner.getTokenOffset() + this.scanner.getTokenLength());
        const bad = /\\([^"\\/bfnrtu])/.exec(raw)?.[1] ?? '\\';
        this.fail(`Unrecognized character escape ${describeChar(bad.codePointAt(0) ?? 0)}`);
      }
      case ScanErr.InvalidUnicode:
        this.fail('Unexpected character: expected a hex-digit for character escape sequence');
      default: {
        const raw = this.source.slice(this.scanner.getTokenOffset(), this.scanner.getTokenOffset() + this.scanner.getTokenLength());
        const ctrl = [...raw].find((c) => (c.codePointAt(0) ?? 0) < 32) ?? '\n';
        this.fail(`Illegal unquoted character (${describeChar(ctrl.codePointAt(0) ?? 0)}): has to be escaped using backslash to be included in string value`);
      }
    }
  }

  /** Next significant token; comments are not JSON (Jackson's ALLOW_COMMENTS is off). */
  private scan(): number {
    for (;;) {
      const kind = this.scanner.scan();
      if (kind === K.Trivia || kind === K.LineBreak) continue;
      if (kind === K.LineComment || kind === K.BlockComment) {
        this.fail("Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)");
      }
      return kind;
    }
  }

  private unexpected(kind: number, expectation: string): never {
    if (kind === K.EOF) {
      this.fail(`Unexpected end-of-input: expected close marker for ${this.stack[this.stack.length - 1]?.kind === 'array' ? 'Array' : 'Object'}`);
    }
    const ch = this.source.codePointAt(this.scanner.getTokenOffset()) ?? 0;
    this.fail(`Unexpected character (${describeChar(ch)}): ${expectation}`);
  }

  fail(message: string): never {
    throw new PatternSyntaxError(message);
  }
}

/** Jackson's description of a character in its messages. */
function describeChar(code: number): string {
  if (code < 32 || (code >= 127 && code < 160)) return `(CTRL-CHAR, code ${code})`;
  const ch = String.fromCodePoint(code);
  if (code > 255) return `'${ch}' (code ${code} / 0x${code.toString(16)})`;
  return `'${ch}' (code ${code})`;
}
