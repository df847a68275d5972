import { op, type OperationTable } from '../protocol/operations';
import { CreateStateMachineInput, createStateMachine } from './create-state-machine';
import { StateMachineArnInput, deleteStateMachine } from './delete-state-machine';
import { ExecutionArnInput, describeExecution } from './describe-execution';
import { describeStateMachine } from './describe-state-machine';
import { describeStateMachineForExecution } from './describe-state-machine-for-execution';
import { GetExecutionHistoryInput, getExecutionHistory } from './get-execution-history';
import { ListExecutionsInput, beforeListExecutions, listExecutions } from './list-executions';
import { ListStateMachinesInput, listStateMachines } from './list-state-machines';
import { integerMaxResults } from './shapes';
import { StartExecutionInput, startExecution } from './start-execution';
import { startSyncExecution } from './start-sync-execution';
import { StopExecutionInput, stopExecution } from './stop-execution';
import type { StepFunctionsBackend } from './store';
import { ListTagsForResourceInput, TagResourceInput, UntagResourceInput, listTagsForResource, tagResource, untagResource } from './tags';
import { UpdateStateMachineInput, updateStateMachine } from './update-state-machine';

/**
 * Every Step Functions operation the emulator answers, by its AWS name: the input shape the
 * validation front end checks (AWS's constraints, in the model's member order) and the handler.
 */
export const stepFunctionsOperations: OperationTable<StepFunctionsBackend> = {
  CreateStateMachine: op(CreateStateMachineInput, createStateMachine),
  DescribeStateMachine: op(StateMachineArnInput, describeStateMachine),
  ListStateMachines: op(ListStateMachinesInput, listStateMachines, { before: integerMaxResults }),
  UpdateStateMachine: op(UpdateStateMachineInput, updateStateMachine),
  DeleteStateMachine: op(StateMachineArnInput, deleteStateMachine),

  StartExecution: op(StartExecutionInput, startExecution),
  StartSyncExecution: op(StartExecutionInput, startSyncExecution),
  DescribeExecution: op(ExecutionArnInput, describeExecution),
  DescribeStateMachineForExecution: op(ExecutionArnInput, describeStateMachineForExecution),
  ListExecutions: op(ListExecutionsInput, listExecutions, { before: beforeListExecutions }),
  GetExecutionHistory: op(GetExecutionHistoryInput, getExecutionHistory, { before: integerMaxResults }),
  StopExecution: op(StopExecutionInput, stopExecution),

  TagResource: op(TagResourceInput, tagResource),
  UntagResource: op(UntagResourceInput, untagResource),
  ListTagsForResource: op(ListTagsForResourceInput, listTagsForResource),
};
