import { watch, type FSWatcher } from 'node:fs';
import type { LambdaFunction } from './model';

const SETTLE_MS = 100;

/**
 * Hot reloading, as LocalStack does it: code run from a local directory is watched, and a change
 * retires the function's environments, so the next invocation loads the new files.
 */
export class HotReloadWatcher {
  private readonly watchers = new Map<LambdaFunction, FSWatcher>();

  constructor(private readonly onChange: (fn: LambdaFunction) => void) {}

  /** Watches the function's code directory when it is hot-reloaded; stops watching an older one. */
  follow(fn: LambdaFunction): void {
    this.forget(fn);
    if (!fn.code.hotReload) return;
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher;
    try {
      watcher = watch(fn.code.dir, { recursive: true, persistent: false }, () => {
        // Editors and bundlers write in bursts: react once the directory settles.
        clearTimeout(timer);
        timer = setTimeout(() => this.onChange(fn), SETTLE_MS);
        timer.unref();
      });
    } catch {
      // Out of inotify watches, or a file system without change events: the code still runs,
      // and an UpdateFunctionCode call reloads it.
      return;
    }
    watcher.on('error', () => this.forget(fn));
    this.watchers.set(fn, watcher);
  }

  forget(fn: LambdaFunction): void {
    this.watchers.get(fn)?.close();
    this.watchers.delete(fn);
  }

  stop(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
