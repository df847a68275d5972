import { RegionalStore } from '../core/regional-store';
import { functionNotFound } from './errors';
import type { FunctionRef } from './function-name';
import { refArn } from './function-name';
import type { LambdaFunction } from './model';

/** The functions of every account and region. Only `$LATEST` exists: no versions or aliases. */
export class FunctionStore {
  private readonly regions = new RegionalStore<Map<string, LambdaFunction>>(() => new Map());

  find(ref: Pick<FunctionRef, 'accountId' | 'region' | 'name'>): LambdaFunction | undefined {
    return this.regions.get(ref.accountId, ref.region).get(ref.name);
  }

  /**
   * The function a reference names, or AWS's `Function not found: <arn>`. A qualifier other than
   * `$LATEST` names a version or alias, which the emulator does not model: not found either.
   * `reportedQualifier` is the qualifier AWS puts into the message when none was given.
   */
  get(ref: FunctionRef, reportedQualifier?: string): LambdaFunction {
    const fn = this.find(ref);
    if (!fn || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) {
      throw functionNotFound(refArn(ref, ref.qualifier ?? reportedQualifier));
    }
    return fn;
  }

  add(fn: LambdaFunction): void {
    this.regions.get(fn.accountId, fn.region).set(fn.name, fn);
  }

  remove(fn: LambdaFunction): void {
    this.regions.get(fn.accountId, fn.region).delete(fn.name);
  }

  list(accountId: string, region: string): LambdaFunction[] {
    return [...this.regions.get(accountId, region).values()];
  }

  *all(): IterableIterator<LambdaFunction> {
    for (const [, , fns] of this.regions.entries()) yield* fns.values();
  }
}
