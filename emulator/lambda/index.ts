import { randomUUID } from 'node:crypto';
import type { Hub, LambdaInternal } from '../core/hub';
import { internalContext } from '../core/request-context';
import { restJsonService } from '../protocol/rest-json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { AsyncInvocations } from './async-invocations';
import { CodeStore } from './code-package';
import { FunctionStore } from './function-store';
import { HotReloadWatcher } from './hot-reload';
import { invoke } from './invoke';
import { lambdaBodyLimit } from './body-limits';
import { LAMBDA_ERRORS } from './errors';
import { lambdaOperations } from './operations';
import { handleTestbedViews } from './testbed-views';
import { FunctionRuntime } from './runtime/function-runtime';
import type { LambdaState } from './state';

/**
 * Lambda's front end names ValidationException; a member of the wrong JSON type is one more
 * violation ("Member must be an integer"), since its REST bodies are bound member by member.
 */
const LAMBDA_DIALECT = { ...VALIDATION_EXCEPTION, wrongType: 'violation' } as const;

/**
 * AWS Lambda: the function API on Lambda's REST-JSON paths, and a Node.js runtime that runs
 * handlers in worker threads (one warm worker per execution environment). Other services invoke
 * functions in-process through `invoke`.
 */
export function createLambdaService(hub: Hub): LambdaInternal {
  const functions = new FunctionStore();
  const code = new CodeStore((bucket, key) => (hub.s3.hasBucket(bucket) ? (hub.s3.getObject(bucket, key) ?? 'NoSuchKey') : 'NoSuchBucket'));
  const runtime = new FunctionRuntime(hub, code);
  const hotReload = new HotReloadWatcher((fn) => {
    fn.generation++;
    runtime.changed(fn);
  });
  const state: LambdaState = {
    hub,
    functions,
    code,
    runtime,
    hotReload,
    asyncInvocations: new AsyncInvocations({
      hub,
      functions,
      runtime,
      invokeAsync: (arn, payload, source) => {
        const [, , , region, accountId] = arn.split(':');
        return invoke(state, internalContext(accountId, region), arn, payload, 'Event', { source });
      },
    }),
  };
  const api = restJsonService(lambdaOperations, state, LAMBDA_DIALECT, { ...LAMBDA_ERRORS, bodyLimit: lambdaBodyLimit });
  return {
    healthName: 'lambda',
    handleHttp: async (req, res, url, ctx) => (await api(req, res, url, ctx)) || handleTestbedViews(state, req, res, url, ctx),
    // Every in-process invocation is a request of its own: a caller's context (a state machine
    // execution, an API request) may invoke several times, each with its own request id.
    invoke: (ctx, functionName, payload, invocationType, options) =>
      invoke(state, { ...ctx, requestId: randomUUID() }, functionName, payload, invocationType, { logType: options?.logType, source: options?.source ?? 'internal' }),
    resumeInvocation(stored) {
      const [, , , region, accountId, , name] = stored.functionArn.split(':');
      const fn = state.functions.find({ accountId: accountId!, region: region!, name: name! });
      if (!fn) return false;
      state.asyncInvocations.enqueue(fn, Buffer.from(stored.payload, 'base64'), stored.requestId, stored.source, stored.traceHeader, true);
      return true;
    },
    drain() {
      state.asyncInvocations.stop();
    },
    async stop() {
      state.asyncInvocations.stop();
      hotReload.stop();
      runtime.stop();
      code.dispose();
    },
  };
}
