import { deserialize, serialize } from 'node:v8';
import type { StateDir } from './state-dir';

type Part = ReturnType<StateDir['recordsOf']>;

/**
 * A service's own records in the state folder, for state a journal of requests cannot rebuild:
 * queue messages (their visibility and receive counts move with time), executions (their history
 * is what happened, not what was asked), CloudFormation stacks (replaying CreateStack would deploy
 * twice). A record is written as it changes, in Node's structured-clone form (`node:v8`, which
 * keeps dates, maps and sets), and read back when the emulator starts on the same folder.
 *
 * Changes made in one turn of the event loop are written together, one LevelDB batch after the
 * other, so the last change of a record is the one on disk.
 */
export class ServiceRecords {
  private pending = new Map<string, Buffer | undefined>();
  private scheduled = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly part: Part) {}

  /** Keeps `value` as it is now (later changes to the object need another put). */
  put(key: string, value: unknown): void {
    this.pending.set(key, serialize(value));
    this.schedule();
  }

  delete(key: string): void {
    this.pending.set(key, undefined);
    this.schedule();
  }

  async all<T>(): Promise<Array<[string, T]>> {
    const out: Array<[string, T]> = [];
    for await (const [key, value] of this.part.iterator()) out.push([key, deserialize(value) as T]);
    return out;
  }

  /** Resolves once every change so far is written. */
  flush(): Promise<void> {
    if (this.pending.size > 0) this.write();
    return this.tail.then(() => undefined);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.write());
  }

  private write(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const ops = [...this.pending].map(([key, value]) => (value === undefined ? { type: 'del' as const, key } : { type: 'put' as const, key, value }));
    this.pending = new Map();
    this.tail = this.tail.then(() => this.part.batch(ops)).catch(() => undefined);
  }
}
