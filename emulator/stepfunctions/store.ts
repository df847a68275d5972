import type { Hub } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import type { Execution } from './execution';
import type { DynamoDbClients } from './integrations';
import type { AslDefinition } from './validate-definition';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface LoggingConfiguration {
  level: string;
  includeExecutionData: boolean;
  destinations?: unknown[];
}

export interface StateMachineRecord {
  arn: string;
  name: string;
  type: StateMachineType;
  /** The definition exactly as given: DescribeStateMachine returns it unchanged. */
  definition: string;
  parsed: AslDefinition;
  roleArn: string;
  creationDate: Date;
  updateDate?: Date;
  revisionId?: string;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: { enabled: boolean };
  tags: Map<string, string>;
}

export interface RegionState {
  stateMachines: Map<string, StateMachineRecord>;
  /** Every execution by ARN, kept after its state machine is deleted (it can still be described). */
  executions: Map<string, Execution>;
}

/** What the operations share: the hub, the state per account and region, and the task clients. */
export interface StepFunctionsBackend {
  hub: Hub;
  regions: RegionalStore<RegionState>;
  dynamodb: DynamoDbClients;
}

export function newRegionState(): RegionState {
  return { stateMachines: new Map(), executions: new Map() };
}
