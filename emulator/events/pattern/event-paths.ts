/**
 * Finding an event's values for a pattern path. The rule engine flattens an event into
 * dot-joined field names whose values are leaves (strings, numbers, booleans, null): arrays are
 * transparent (each element counts, at any depth) and an object is never a value itself. Because
 * names are joined with dots, a key "state.status" and nested keys state -> status are the same
 * field, on the event's side as on the pattern's; a walk therefore also tries each run of
 * segments as one key. A walk reports whether any leaf passes a test, stopping at the first,
 * without building the flattened event.
 *
 * Each distinct path gets its own walker, generated once and cached: its property reads use
 * constant keys, so V8 keeps them monomorphic per path instead of one shared, megamorphic walk
 * over every path of every rule on the bus.
 */

export type LeafTest = (value: unknown) => boolean;

export interface FieldPath {
  /** The dot-joined name, as the rule compiler writes it. */
  readonly name: string;
  /** Whether any leaf of `event` at this path passes `test`. */
  readonly any: (event: unknown, test: LeafTest) => boolean;
}

const cache = new Map<string, FieldPath>();

export function fieldPath(name: string): FieldPath {
  let path = cache.get(name);
  if (!path) {
    path = { name, any: generateWalker(name.split('.')) };
    cache.set(name, path);
  }
  return path;
}

function generateWalker(segments: string[]): (event: unknown, test: LeafTest) => boolean {
  const n = segments.length;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`function w${i}(node, test) {`);
    lines.push(`  if (typeof node !== 'object' || node === null) return false;`);
    lines.push(`  if (isArray(node)) { for (let e = 0; e < node.length; e++) if (w${i}(node[e], test)) return true; return false; }`);
    lines.push(`  let c;`);
    for (let j = i; j < n; j++) {
      const key = segments.slice(i, j + 1).join('.');
      // A key that names an Object.prototype member ("constructor", ...) must be the event's own.
      const own = key in Object.prototype ? ` && hasOwn(node, ${JSON.stringify(key)})` : '';
      lines.push(`  c = node[${JSON.stringify(key)}];`);
      lines.push(`  if (c !== undefined${own} && w${j + 1}(c, test)) return true;`);
    }
    lines.push(`  return false;`);
    lines.push(`}`);
  }
  lines.push(`function w${n}(node, test) {`);
  lines.push(`  if (typeof node !== 'object' || node === null) return test(node);`);
  lines.push(`  if (isArray(node)) { for (let e = 0; e < node.length; e++) if (w${n}(node[e], test)) return true; }`);
  lines.push(`  return false;`);
  lines.push(`}`);
  lines.push(`return w0;`);
  // The generated text holds only JSON-quoted keys and fixed code: no pattern text is evaluated.
  return new Function('isArray', 'hasOwn', lines.join('\n'))(Array.isArray, Object.hasOwn) as (event: unknown, test: LeafTest) => boolean;
}

const present: LeafTest = () => true;

/** Whether any leaf of `event` at `path` passes `test`. */
export function anyLeaf(event: unknown, path: FieldPath, test: LeafTest): boolean {
  return path.any(event, test);
}

/** Whether the event has any value at all at `path` (what `exists` tests). */
export function hasLeaf(event: unknown, path: FieldPath): boolean {
  return path.any(event, present);
}
