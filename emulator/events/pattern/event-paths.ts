/**
 * Finding an event's values for a pattern path. The rule engine flattens an event into
 * dot-joined field names whose values are leaves (strings, numbers, booleans, null): arrays are
 * transparent (each element counts, at any depth) and an object is never a value itself. Because
 * names are joined with dots, a key "state.status" and nested keys state -> status are the same
 * field, on the event's side as on the pattern's; the walk therefore tries each run of segments
 * as one key. It reports whether any leaf passes a test, stopping at the first, without building
 * the flattened event.
 */

export interface FieldPath {
  /** The dot-joined name, as the rule compiler writes it. */
  readonly name: string;
  readonly length: number;
  /** keys[i][k]: segments i..i+k joined with dots, precomputed so a walk allocates nothing. */
  readonly keys: readonly (readonly string[])[];
  /** unsafe[i][k]: that key names an Object.prototype member, so it needs an own-property check. */
  readonly unsafe: readonly (readonly boolean[])[];
}

export function fieldPath(name: string): FieldPath {
  const segments = name.split('.');
  const keys = segments.map((_, i) => segments.slice(i).map((__, k) => segments.slice(i, i + k + 1).join('.')));
  const unsafe = keys.map((row) => row.map((key) => key in Object.prototype));
  return { name, length: segments.length, keys, unsafe };
}

export type LeafTest = (value: unknown) => boolean;

/** Whether any leaf of `event` at `path` passes `test`. */
export function anyLeaf(event: unknown, path: FieldPath, test: LeafTest): boolean {
  return walk(event, path, 0, test);
}

function walk(node: unknown, path: FieldPath, i: number, test: LeafTest): boolean {
  if (i === path.length) return anyValue(node, test);
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) {
    for (let e = 0; e < node.length; e++) if (walk(node[e], path, i, test)) return true;
    return false;
  }
  const obj = node as Record<string, unknown>;
  const keys = path.keys[i];
  const unsafe = path.unsafe[i];
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const child = obj[key];
    if (child === undefined || (unsafe[k] && !Object.hasOwn(obj, key))) continue;
    if (walk(child, path, i + k + 1, test)) return true;
  }
  return false;
}

function anyValue(node: unknown, test: LeafTest): boolean {
  if (typeof node !== 'object' || node === null) return test(node);
  if (Array.isArray(node)) {
    for (let e = 0; e < node.length; e++) if (anyValue(node[e], test)) return true;
  }
  return false;
}

const present: LeafTest = () => true;

/** Whether the event has any value at all at `path` (what `exists` tests). */
export function hasLeaf(event: unknown, path: FieldPath): boolean {
  return walk(event, path, 0, present);
}

/** Calls `visit` for every leaf at `path` (used by the index to look values up). */
export function forEachLeaf(event: unknown, path: FieldPath, visit: (value: unknown) => void): void {
  walk(event, path, 0, (v) => {
    visit(v);
    return false;
  });
}
