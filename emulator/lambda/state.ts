import type { Hub } from '../core/hub';
import type { AsyncInvocations } from './async-invocations';
import type { CodeStore } from './code-package';
import type { FunctionStore } from './function-store';
import type { HotReloadWatcher } from './hot-reload';
import type { FunctionRuntime } from './runtime/function-runtime';

/** Everything the Lambda operations share. */
export interface LambdaState {
  hub: Hub;
  functions: FunctionStore;
  code: CodeStore;
  runtime: FunctionRuntime;
  asyncInvocations: AsyncInvocations;
  hotReload: HotReloadWatcher;
}
