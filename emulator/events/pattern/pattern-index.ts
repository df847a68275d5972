import { allConditions, type CompiledPattern, type FieldCondition } from './compile-pattern';
import { fieldPath, type FieldPath } from './event-paths';
import { comparableKey } from './numbers';
import { ipHex } from './ip-address';
import type { ValuePattern } from './value-patterns';

/**
 * Many patterns on one bus. Like the state machine of aws/event-ruler, matching must not cost in
 * proportion to the number of rules, so each sub-rule is filed under one of its fields (its
 * "anchor"), keyed by what that field accepts: exact values, prefixes and suffixes (also
 * case-insensitive ones, and the literal ends of wildcards) and bounded numeric ranges. An event
 * is looked up once per anchored field path, by its own values there; only the sub-rules found
 * are then checked in full. Sub-rules with no field that can be keyed (only anything-but, exists,
 * open-ended ranges, cidr, ...) are kept on a short list checked for every event. The anchor is
 * the keyable field whose buckets are currently smallest, so rules that share a source still
 * spread out by their other fields.
 */

interface Entry<Id> {
  readonly rule: RuleRecord<Id>;
  /** The sub-rule's check, less its anchor field when finding the entry by key already proves that field. */
  readonly verify: (event: unknown) => boolean;
  /** Epoch of the last match() that checked this entry, so a sub-rule found twice is checked once. */
  seen: number;
}

interface RuleRecord<Id> {
  readonly id: Id;
  readonly compiled: CompiledPattern;
  readonly undo: (() => void)[];
  /** Epoch of the last match() this rule matched in. */
  matched: number;
}

type Bucket<Id> = Entry<Id>[];

/** Keys for one pattern of an anchor field: which bucket of which table it goes in. */
type Key =
  | { table: 'exact' | 'numbers' | 'raw' | 'ips' | 'lower'; key: unknown }
  /** `partial`: the key is only the literal end of a wildcard, so a hit still needs the full test. */
  | { table: 'prefix' | 'suffix' | 'prefixLower' | 'suffixLower'; key: string; partial?: boolean }
  | { table: 'range'; low: number; high: number; lowOpen: boolean; highOpen: boolean };

const ASCII = /^[\x00-\x7f]*$/;

/** The bucket key a pattern can be filed under, or undefined when it cannot be keyed. */
function keyOf(p: ValuePattern): Key | undefined {
  switch (p.kind) {
    case 'string':
      return p.ip === undefined ? { table: 'exact', key: p.value } : { table: 'ips', key: p.ip };
    case 'literal':
      return { table: 'exact', key: p.value };
    case 'number':
      return p.key !== undefined ? { table: 'numbers', key: p.key } : { table: 'raw', key: Number(p.text) };
    case 'prefix':
    case 'suffix':
      return { table: p.kind, key: p.value };
    case 'equals-ignore-case':
      return ASCII.test(p.value) ? { table: 'lower', key: p.value.toLowerCase() } : undefined;
    case 'prefix-ignore-case':
      return ASCII.test(p.value) ? { table: 'prefixLower', key: p.value.toLowerCase() } : undefined;
    case 'suffix-ignore-case':
      return ASCII.test(p.value) ? { table: 'suffixLower', key: p.value.toLowerCase() } : undefined;
    case 'wildcard': {
      // Any match starts with the literal text before the first star and ends with that after the last.
      const head = p.pieces[0];
      const tail = p.pieces[p.pieces.length - 1];
      if (head === '' && tail === '') return undefined;
      return head.length >= tail.length ? { table: 'prefix', key: head, partial: true } : { table: 'suffix', key: tail, partial: true };
    }
    case 'numeric':
      return Number.isFinite(p.low) && Number.isFinite(p.high) ? { table: 'range', low: p.low, high: p.high, lowOpen: p.lowOpen, highOpen: p.highOpen } : undefined;
    default:
      return undefined;
  }
}

/** A key's identity in the per-field statistics. */
function keyId(k: Key): string {
  return k.table === 'range' ? `range:${k.low}:${k.high}` : `${k.table}:${typeof k.key}:${String(k.key)}`;
}

/** Whether finding a value under this key proves the pattern it came from matches that value. */
function proves(k: Key): boolean {
  if (k.table === 'prefix' || k.table === 'suffix') return !k.partial;
  return k.table === 'exact' || k.table === 'numbers' || k.table === 'raw' || k.table === 'ips' || k.table === 'range';
}

interface TrieNode<Id> {
  readonly children: Map<number, TrieNode<Id>>;
  readonly bucket: Bucket<Id>;
}

/**
 * Prefixes (or, read backwards, suffixes) as a character trie: an event value walks it once,
 * meeting every key that begins (ends) it, without cutting substrings. A lower-casing trie folds
 * ASCII capitals of the value as it walks (its keys are stored lower-cased).
 */
class AffixTrie<Id> {
  readonly root: TrieNode<Id> = { children: new Map(), bucket: [] };
  size = 0;

  constructor(private readonly backwards: boolean) {}

  add(key: string, entry: Entry<Id>): () => void {
    const path: TrieNode<Id>[] = [this.root];
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(this.backwards ? key.length - 1 - i : i);
      let next = node.children.get(c);
      if (!next) {
        next = { children: new Map(), bucket: [] };
        node.children.set(c, next);
      }
      node = next;
      path.push(node);
    }
    node.bucket.push(entry);
    this.size++;
    return () => {
      this.size--;
      node.bucket.splice(node.bucket.indexOf(entry), 1);
      // Prune the branch back to the last node still in use.
      for (let i = path.length - 1; i > 0; i--) {
        const n = path[i];
        if (n.bucket.length > 0 || n.children.size > 0) break;
        path[i - 1].children.delete(key.charCodeAt(this.backwards ? key.length - i : i - 1));
      }
    };
  }

  bucketSize(key: string): number {
    let node: TrieNode<Id> | undefined = this.root;
    for (let i = 0; i < key.length && node; i++) node = node.children.get(key.charCodeAt(this.backwards ? key.length - 1 - i : i));
    return node ? node.bucket.length : 0;
  }
}

interface RangeItem<Id> {
  readonly low: number;
  readonly high: number;
  readonly lowOpen: boolean;
  readonly highOpen: boolean;
  readonly entry: Entry<Id>;
}

/** The keyed sub-rules of one field path. */
class FieldTable<Id> {
  readonly path: FieldPath;
  readonly exact = new Map<unknown, Bucket<Id>>();
  readonly numbers = new Map<number, Bucket<Id>>();
  readonly raw = new Map<number, Bucket<Id>>();
  readonly ips = new Map<string, Bucket<Id>>();
  readonly lower = new Map<string, Bucket<Id>>();
  /** Lengths of the `lower` keys, so a value is lower-cased only when a key could equal it. */
  readonly lowerLengths = new Map<number, number>();
  readonly prefix = new AffixTrie<Id>(false);
  readonly suffix = new AffixTrie<Id>(true);
  readonly prefixLower = new AffixTrie<Id>(false);
  readonly suffixLower = new AffixTrie<Id>(true);
  /** Bounded ranges sorted by lower bound; maxWidth bounds how far back a lookup must look. */
  readonly ranges: RangeItem<Id>[] = [];
  maxWidth = 0;
  size = 0;
  /** Distinct keys in use (ranges count one each), for the average bucket an anchor here would join. */
  keys = 0;
  /** Called for each event value at this path during a match; bound once, so matching allocates nothing. */
  readonly probe: (value: unknown) => boolean;

  constructor(name: string, index: PatternIndex<Id>) {
    this.path = fieldPath(name);
    this.probe = (value) => {
      index.probeValue(this, value);
      return false;
    };
  }

  bucketSize(k: Key): number {
    switch (k.table) {
      case 'range':
        return 0;
      case 'prefix':
      case 'suffix':
      case 'prefixLower':
      case 'suffixLower':
        return this[k.table].bucketSize(k.key);
      default:
        return this[k.table].get(k.key as never)?.length ?? 0;
    }
  }

  add(k: Key, entry: Entry<Id>): () => void {
    this.size++;
    if (k.table === 'range') {
      const item: RangeItem<Id> = { low: k.low, high: k.high, lowOpen: k.lowOpen, highOpen: k.highOpen, entry };
      let lo = 0;
      let hi = this.ranges.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.ranges[mid].low <= k.low) lo = mid + 1;
        else hi = mid;
      }
      this.ranges.splice(lo, 0, item);
      this.maxWidth = Math.max(this.maxWidth, k.high - k.low);
      this.keys++;
      return () => {
        this.size--;
        this.keys--;
        this.ranges.splice(this.ranges.indexOf(item), 1);
      };
    }
    if (k.table === 'prefix' || k.table === 'suffix' || k.table === 'prefixLower' || k.table === 'suffixLower') {
      const trie = this[k.table];
      const fresh = trie.bucketSize(k.key) === 0;
      if (fresh) this.keys++;
      const undo = trie.add(k.key, entry);
      return () => {
        this.size--;
        undo();
        if (fresh && trie.bucketSize(k.key) === 0) this.keys--;
      };
    }
    const table = this[k.table] as Map<unknown, Bucket<Id>>;
    const bucket = table.get(k.key) ?? [];
    if (bucket.length === 0) {
      table.set(k.key, bucket);
      this.keys++;
    }
    bucket.push(entry);
    const length = k.table === 'lower' ? (k.key as string).length : -1;
    if (length >= 0) this.lowerLengths.set(length, (this.lowerLengths.get(length) ?? 0) + 1);
    return () => {
      this.size--;
      bucket.splice(bucket.indexOf(entry), 1);
      if (bucket.length === 0) {
        table.delete(k.key);
        this.keys--;
      }
      if (length >= 0) {
        const left = (this.lowerLengths.get(length) ?? 1) - 1;
        if (left > 0) this.lowerLengths.set(length, left);
        else this.lowerLengths.delete(length);
      }
    };
  }
}

export class PatternIndex<Id> {
  private readonly rules = new Map<Id, RuleRecord<Id>>();
  private readonly tables = new Map<string, FieldTable<Id>>();
  /** Tables in use, as an array for the match loop. */
  private active: FieldTable<Id>[] = [];
  private readonly unkeyed = new Set<Entry<Id>>();
  /** Per field path: how many rules use each key there (whether anchored on it or not). */
  private readonly stats = new Map<string, Map<string, number>>();
  /** Anchors are chosen from the statistics of the rules present; refiled as the rule count doubles. */
  private nextRefile = 64;
  private epoch = 0;
  // State of the match in progress, read by the probes.
  private event: unknown;
  private out: Id[] = [];

  get size(): number {
    return this.rules.size;
  }

  /** Adds (or replaces) the pattern of rule `id`. */
  add(id: Id, compiled: CompiledPattern): void {
    this.remove(id);
    this.count(compiled, 1);
    const rule: RuleRecord<Id> = { id, compiled, undo: [], matched: 0 };
    this.rules.set(id, rule);
    if (this.rules.size >= this.nextRefile) {
      // Early rules were filed when little was known about which fields tell rules apart.
      this.nextRefile *= 2;
      for (const r of this.rules.values()) {
        for (const undo of r.undo) undo();
        r.undo.length = 0;
        this.file(r);
      }
      return;
    }
    this.file(rule);
  }

  private file(rule: RuleRecord<Id>): void {
    for (const sub of rule.compiled.subRules) {
      const anchor = this.chooseAnchor(sub.conditions);
      const proven = anchor !== undefined && !anchor.condition.matchesAbsence && anchor.keys.every(proves);
      const verify = proven ? allConditions(sub.conditions.filter((c) => c !== anchor.condition)) : sub.matches;
      const entry: Entry<Id> = { rule, verify, seen: 0 };
      if (!anchor) {
        this.unkeyed.add(entry);
        rule.undo.push(() => this.unkeyed.delete(entry));
        continue;
      }
      const table = this.table(anchor.condition.path.name);
      for (const k of anchor.keys) rule.undo.push(table.add(k, entry));
      rule.undo.push(() => this.dropIfEmpty(table));
    }
  }

  remove(id: Id): void {
    const rule = this.rules.get(id);
    if (!rule) return;
    for (const undo of rule.undo) undo();
    this.count(rule.compiled, -1);
    this.rules.delete(id);
  }

  /** Updates the per-field key counts with a pattern's keyable fields. */
  private count(compiled: CompiledPattern, delta: number): void {
    for (const sub of compiled.subRules) {
      for (const c of sub.conditions) {
        let counts = this.stats.get(c.path.name);
        if (!counts) {
          counts = new Map();
          this.stats.set(c.path.name, counts);
        }
        for (const p of c.patterns) {
          const k = keyOf(p);
          if (!k) continue;
          const id = keyId(k);
          const n = (counts.get(id) ?? 0) + delta;
          if (n > 0) counts.set(id, n);
          else counts.delete(id);
        }
        if (counts.size === 0) this.stats.delete(c.path.name);
      }
    }
  }

  /** The ids whose pattern matches the (already parsed) event, each once. */
  match(event: unknown): Id[] {
    const epoch = ++this.epoch;
    const out: Id[] = [];
    this.event = event;
    this.out = out;
    const tables = this.active;
    for (let i = 0; i < tables.length; i++) {
      const table = tables[i];
      table.path.any(event, table.probe);
    }
    for (const entry of this.unkeyed) this.check(entry, epoch);
    this.event = undefined;
    this.out = [];
    return out;
  }

  /** Looks one event value up in a field's tables and checks the sub-rules found. */
  probeValue(t: FieldTable<Id>, v: unknown): void {
    const epoch = this.epoch;
    if (typeof v === 'string') {
      this.checkAll(t.exact.get(v), epoch);
      if (t.ips.size > 0) {
        const hex = ipHex(v);
        if (hex !== undefined) this.checkAll(t.ips.get(hex), epoch);
      }
      if (t.lowerLengths.has(v.length)) this.checkAll(t.lower.get(v.toLowerCase()), epoch);
      if (t.prefix.size > 0) this.affixes(t.prefix.root, v, false, false, epoch);
      if (t.suffix.size > 0) this.affixes(t.suffix.root, v, true, false, epoch);
      if (t.prefixLower.size > 0) this.affixes(t.prefixLower.root, v, false, true, epoch);
      if (t.suffixLower.size > 0) this.affixes(t.suffixLower.root, v, true, true, epoch);
      return;
    }
    if (typeof v === 'number') {
      const k = comparableKey(v);
      if (k === undefined) {
        this.checkAll(t.raw.get(v), epoch);
        return;
      }
      this.checkAll(t.numbers.get(k), epoch);
      const ranges = t.ranges;
      if (ranges.length === 0) return;
      // Ranges with low <= k, walking back only as far as the widest range reaches.
      let lo = 0;
      let hi = ranges.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ranges[mid].low <= k) lo = mid + 1;
        else hi = mid;
      }
      const floor = k - t.maxWidth;
      for (let i = lo - 1; i >= 0 && ranges[i].low >= floor; i--) {
        const r = ranges[i];
        if ((r.lowOpen ? k > r.low : k >= r.low) && (r.highOpen ? k < r.high : k <= r.high)) this.check(r.entry, epoch);
      }
      return;
    }
    this.checkAll(t.exact.get(v), epoch);
  }

  /** Walks a value through an affix trie, checking the bucket of every key it passes. */
  private affixes(root: TrieNode<Id>, v: string, backwards: boolean, fold: boolean, epoch: number): void {
    let node: TrieNode<Id> | undefined = root;
    const n = v.length;
    for (let i = 0; ; i++) {
      if (node.bucket.length > 0) this.checkAll(node.bucket, epoch);
      if (i === n || node.children.size === 0) return;
      let c = v.charCodeAt(backwards ? n - 1 - i : i);
      if (fold && c >= 65 && c <= 90) c += 32;
      node = node.children.get(c);
      if (node === undefined) return;
    }
  }

  private checkAll(bucket: Bucket<Id> | undefined, epoch: number): void {
    if (bucket === undefined) return;
    for (let i = 0; i < bucket.length; i++) this.check(bucket[i], epoch);
  }

  private check(entry: Entry<Id>, epoch: number): void {
    if (entry.seen === epoch) return;
    entry.seen = epoch;
    const rule = entry.rule;
    if (rule.matched === epoch) return;
    if (entry.verify(this.event)) {
      rule.matched = epoch;
      this.out.push(rule.id);
    }
  }

  /** The keyable field of a sub-rule whose buckets are smallest now (every entry of its list must be keyable). */
  private chooseAnchor(conditions: readonly FieldCondition[]): { condition: FieldCondition; keys: Key[] } | undefined {
    let best: { condition: FieldCondition; keys: Key[] } | undefined;
    let bestCost = Infinity;
    for (const condition of conditions) {
      if (condition.matchesAbsence) continue;
      const keys = condition.patterns.map(keyOf);
      if (keys.some((k) => k === undefined)) continue;
      // Expected checks per event: an entry is met only by events carrying its key, and the more
      // distinct keys a field has across the rules (a SKU rather than a bus-wide source), the
      // rarer any one of them is; a key many rules share makes a big bucket.
      const counts = this.stats.get(condition.path.name);
      const spread = counts ? counts.size : 1;
      let cost = 0;
      for (const k of keys as Key[]) {
        // Exact keys are cheapest; affixes are walked and ranges searched.
        const weight = k.table === 'range' ? 2 : k.table === 'exact' || k.table === 'numbers' || k.table === 'raw' || k.table === 'ips' || k.table === 'lower' ? 1 : 1.5;
        cost += (weight * (counts?.get(keyId(k)) ?? 1)) / spread;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = { condition, keys: keys as Key[] };
      }
    }
    return best;
  }

  private table(name: string): FieldTable<Id> {
    let table = this.tables.get(name);
    if (!table) {
      table = new FieldTable<Id>(name, this);
      this.tables.set(name, table);
      this.active = [...this.tables.values()];
    }
    return table;
  }

  private dropIfEmpty(table: FieldTable<Id>): void {
    if (table.size > 0 || this.tables.get(table.path.name) !== table) return;
    this.tables.delete(table.path.name);
    this.active = [...this.tables.values()];
  }
}
