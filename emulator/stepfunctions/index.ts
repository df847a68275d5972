import type { Hub, StepFunctionsInternal } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import { frontDoorLimit } from '../protocol/http';
import { jsonCeiling, jsonService } from '../protocol/json';
import { compileInput } from '../protocol/validation';
import { activeTraceHeader } from '../core/trace';
import { DynamoDbClients } from './integrations';
import { interrupt, restoreExecutions } from './kept-executions';
import { stepFunctionsOperations } from './operations';
import { STEP_FUNCTIONS_DIALECT } from './shapes';
import { beginExecution, StartExecutionInput } from './start-execution';
import { newRegionState, type StepFunctionsBackend } from './store';
import { traceExecution } from './trace-execution';

/**
 * Step Functions (JSON 1.0, `X-Amz-Target: AWSStepFunctions.*`). Definitions run on the
 * emulator's own ASL interpreter (asl/); Task states call the emulator's own Lambda, DynamoDB and EventBridge.
 */
export function createStepFunctionsService(hub: Hub): StepFunctionsInternal {
  const backend: StepFunctionsBackend = {
    hub,
    regions: new RegionalStore(newRegionState),
    dynamodb: new DynamoDbClients(() => hub.endpoint),
  };
  hub.persistence?.onRestore(() => restoreExecutions(backend));
  // EventBridge's targets start executions in-process, with the checks StartExecution makes on the wire.
  const checkStartExecution = compileInput(StartExecutionInput, STEP_FUNCTIONS_DIALECT);

  return {
    healthName: 'stepfunctions',
    // A definition holds at most 1 MiB.
    json: jsonService('AWSStepFunctions', stepFunctionsOperations, backend, STEP_FUNCTIONS_DIALECT, frontDoorLimit(jsonCeiling(1024 * 1024))),

    /** EventBridge's Step Functions targets: the machine's own account and region, from its ARN. */
    async startExecution(ctx, { stateMachineArn, name, input }) {
      const [, , , region, accountId] = stateMachineArn.split(':');
      const machineCtx = region && accountId ? { ...ctx, region, accountId } : ctx;
      // The execution continues the caller's trace; its tasks' SDK calls carry the header on.
      checkStartExecution({ stateMachineArn, name, input });
      const span = hub.trace.begin(ctx.traceHeader);
      const { execution } = activeTraceHeader.run(span.header, () => beginExecution(backend, { stateMachineArn, name, input }, machineCtx));
      void traceExecution(hub, span, execution);
      return { executionArn: execution.arn, startDate: execution.startDate, finished: execution.finished };
    },

    /** Running executions are aborted so that no timer or task outlives the emulator. */
    async stop() {
      const running = [];
      for (const [, , state] of backend.regions.entries()) {
        for (const execution of state.executions.values()) {
          if (execution.isRunning) {
            interrupt(execution);
            running.push(execution.finished);
          }
        }
      }
      await Promise.allSettled(running);
      backend.dynamodb.destroy();
    },
  };
}
