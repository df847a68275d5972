import type { Hub, StepFunctionsInternal } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import type { RequestContext } from '../core/request-context';
import type { JsonOperation } from '../protocol/json';
import { createStateMachine } from './create-state-machine';
import { deleteStateMachine } from './delete-state-machine';
import { describeExecution } from './describe-execution';
import { describeStateMachine } from './describe-state-machine';
import { describeStateMachineForExecution } from './describe-state-machine-for-execution';
import { getExecutionHistory } from './get-execution-history';
import { DynamoDbClients } from './integrations';
import { listExecutions } from './list-executions';
import { listStateMachines } from './list-state-machines';
import { beginExecution, startExecution } from './start-execution';
import { stopExecution } from './stop-execution';
import { newRegionState, type StepFunctionsBackend } from './store';
import { listTagsForResource, tagResource, untagResource } from './tag-resource';
import { updateStateMachine } from './update-state-machine';

type Operation = (backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) => unknown;

const OPERATIONS: Record<string, Operation> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/**
 * Step Functions (JSON 1.0, `X-Amz-Target: AWSStepFunctions.*`). Definitions run on
 * aws-local-stepfunctions; Task states call the emulator's own Lambda, DynamoDB and EventBridge.
 */
export function createStepFunctionsService(hub: Hub): StepFunctionsInternal {
  const backend: StepFunctionsBackend = {
    hub,
    regions: new RegionalStore(newRegionState),
    dynamodb: new DynamoDbClients(() => hub.endpoint),
  };
  const operations: Record<string, JsonOperation> = Object.fromEntries(
    Object.entries(OPERATIONS).map(([name, op]) => [name, (input: Record<string, unknown>, ctx: RequestContext) => op(backend, input, ctx)]),
  );

  return {
    healthName: 'stepfunctions',
    json: { targetPrefix: 'AWSStepFunctions', operations },

    /** EventBridge's Step Functions targets: the machine's own account and region, from its ARN. */
    async startExecution(ctx, { stateMachineArn, name, input }) {
      const [, , , region, accountId] = stateMachineArn.split(':');
      const machineCtx = region && accountId ? { ...ctx, region, accountId } : ctx;
      const { execution } = beginExecution(backend, { stateMachineArn, name, input }, machineCtx);
      return { executionArn: execution.arn, startDate: execution.startDate, finished: execution.finished };
    },

    /** Running executions are aborted so that no timer or task outlives the emulator. */
    async stop() {
      const running = [];
      for (const [, , state] of backend.regions.entries()) {
        for (const execution of state.executions.values()) {
          if (execution.isRunning) {
            execution.stop();
            running.push(execution.finished);
          }
        }
      }
      await Promise.allSettled(running);
      backend.dynamodb.destroy();
    },
  };
}
