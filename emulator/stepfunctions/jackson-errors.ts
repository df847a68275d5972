/**
 * JSON parse errors in the words of Jackson, the Java parser Step Functions reads definitions and
 * execution input with, e.g. `Unrecognized token 'not': was expecting (JSON String, Number, Array,
 * Object or token 'null', 'true' or 'false')\n at [Source: (String)"not a definition"; line: 1,
 * column: 4]`. Returns undefined for text that parses.
 */
export function jacksonParseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // fall through: describe it as Jackson would
  }
  const { index, line, column } = firstProblem(text);
  const source = `[Source: (String)${JSON.stringify(text)}; line: ${line}, column: ${column}]`;
  if (index >= text.length) return `Unexpected end-of-input\n at ${source}`;
  const token = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index))?.[0];
  if (token) {
    const at = `[Source: (String)${JSON.stringify(text)}; line: ${line}, column: ${column + token.length}]`;
    return `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${at}`;
  }
  const ch = text[index]!;
  return `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${source}`;
}

/** Where the text stops being JSON: the first bare word or stray character outside a string. */
function firstProblem(text: string): { index: number; line: number; column: number } {
  let index = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (/\s/.test(c) || /[[\]{},:0-9.+\-]/.test(c)) continue;
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) {
      i += word.length - 1;
      continue;
    }
    index = i;
    break;
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { index, line, column };
}
