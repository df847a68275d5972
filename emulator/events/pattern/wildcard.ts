import { PatternSyntaxError } from './pattern-reader';

/**
 * The `wildcard` operator: `*` matches any run of characters, `\*` is a literal star and `\\` a
 * literal backslash. The rule compiler checks the operand as UTF-8 bytes of the quoted value
 * ('"' + text + '"'), which is why its error positions count from the opening quote.
 */

/** Splits a wildcard operand into its literal pieces around each unescaped `*`; throws the compiler's message. */
export function parseWildcard(text: string): string[] {
  const bytes = Buffer.from(`"${text}"`, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x2a && bytes[i + 1] === 0x2a) throw new PatternSyntaxError(`Consecutive wildcard characters at pos ${i}`);
    if (bytes[i] === 0x5c) {
      if (bytes[i + 1] === 0x2a || bytes[i + 1] === 0x5c) {
        i++;
        continue;
      }
      throw new PatternSyntaxError(`Invalid escape character at pos ${i}`);
    }
  }
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') piece += text[++i];
    else if (c === '*') {
      pieces.push(piece);
      piece = '';
    } else piece += c;
  }
  pieces.push(piece);
  return pieces;
}

/** Whether `value` matches the pieces of a parsed wildcard (anchored at both ends). */
export function wildcardMatches(pieces: readonly string[], value: string): boolean {
  const last = pieces.length - 1;
  if (last === 0) return value === pieces[0];
  const head = pieces[0];
  const tail = pieces[last];
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return false;
  // Leftmost placement of each middle piece is optimal when the only metacharacter is `*`.
  let at = head.length;
  const end = value.length - tail.length;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i];
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

type Item = number | 'star';

function items(text: string): Item[] {
  const out: Item[] = [0x22];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x5c) out.push(bytes[++i]);
    else out.push(bytes[i] === 0x2a ? 'star' : bytes[i]);
  }
  out.push(0x22);
  return out;
}

/**
 * The rule engine's "complexity" of a field's wildcard patterns: the largest number of pattern
 * prefixes that one input can match at the same time (event-ruler's MachineComplexityEvaluator),
 * explored over all inputs and stopping as soon as `cap` is passed. Each group is one pattern of
 * the rule engine: a `wildcard` operand alone, or the operands of one `anything-but` wildcard
 * list. Within a group, operands that begin alike share those prefixes (the engine's byte
 * machine merges them), so a shared prefix counts once per group.
 */
export function wildcardComplexity(groups: readonly (readonly string[])[], cap: number): number {
  const nfas: Item[][] = [];
  const owner: number[] = [];
  groups.forEach((texts, g) => {
    for (const text of texts) {
      nfas.push(items(text));
      owner.push(g);
    }
  });
  // prefixId[n][q]: the identity of the prefix that state q of operand n stands for.
  const prefixId = nfas.map((nfa) => nfa.map((_, q) => JSON.stringify(nfa.slice(0, q))).concat(JSON.stringify(nfa)));
  const alphabet = new Set<number>();
  for (const nfa of nfas) for (const it of nfa) if (it !== 'star') alphabet.add(it);
  const other = [...Array(256).keys()].find((b) => !alphabet.has(b));
  if (other !== undefined) alphabet.add(other);

  const closure = (nfa: Item[], states: Set<number>): number[] => {
    for (const q of states) if (nfa[q] === 'star') states.add(q + 1);
    return [...states].sort((a, b) => a - b);
  };
  const size = (active: number[][]): number => {
    const seen = new Set<string>();
    active.forEach((states, n) => {
      for (const q of states) if (q > 0 && q < nfas[n].length) seen.add(`${owner[n]}:${prefixId[n][q]}`);
    });
    return seen.size;
  };
  const start = nfas.map((nfa) => closure(nfa, new Set([0])));
  const visited = new Set<string>([JSON.stringify(start)]);
  const queue: number[][][] = [start];
  let max = 0;
  // The automaton is small for any pattern that fits in a rule; the visit cap only guards against pathological ones.
  while (queue.length > 0 && visited.size < 20000) {
    const current = queue.shift()!;
    for (const byte of alphabet) {
      const next = current.map((states, n) => {
        const nfa = nfas[n];
        const out = new Set<number>();
        for (const q of states) {
          if (q > 0 && nfa[q - 1] === 'star') out.add(q);
          if (q < nfa.length && nfa[q] === byte) out.add(q + 1);
        }
        return closure(nfa, out);
      });
      const count = size(next);
      if (count === 0) continue;
      if (count > max) max = count;
      if (max > cap) return max;
      const key = JSON.stringify(next);
      if (!visited.has(key)) {
        visited.add(key);
        queue.push(next);
      }
    }
  }
  return max;
}
