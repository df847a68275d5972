import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { loggingConfigurationOf } from './create-state-machine';
import { findStateMachine } from './lookup';
import { required, string, type InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import { LOGGING_CONFIGURATION, TRACING_CONFIGURATION } from './shapes';
import type { StepFunctionsBackend } from './store';
import { parseDefinition } from './validate-definition';

export const UpdateStateMachineInput = {
  stateMachineArn: required(string()),
  definition: string(),
  roleArn: string(),
  loggingConfiguration: LOGGING_CONFIGURATION,
  tracingConfiguration: TRACING_CONFIGURATION,
};

/**
 * UpdateStateMachine: a new revision when anything changes (the same parameters again keep the
 * revision id, as on AWS). Running executions keep the definition they started with.
 */
export function updateStateMachine(backend: StepFunctionsBackend, input: InputOf<typeof UpdateStateMachineInput>, ctx: RequestContext) {
  const machine = findStateMachine(backend, ctx, input.stateMachineArn);
  const { definition, roleArn, loggingConfiguration: logging, tracingConfiguration: tracing } = input;
  if (definition === undefined && roleArn === undefined && logging === undefined && tracing === undefined) {
    throw new AwsError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
  }
  const parsed = definition !== undefined ? parseDefinition(definition) : undefined;
  const loggingConfiguration = logging !== undefined ? loggingConfigurationOf(logging) : undefined;

  if (roleArn !== undefined) backend.hub.iam.passRole(ctx, roleArn, 'states.amazonaws.com', 'UpdateStateMachine');
  const changed =
    (definition !== undefined && definition !== machine.definition) ||
    (roleArn !== undefined && roleArn !== machine.roleArn) ||
    (loggingConfiguration !== undefined && JSON.stringify(loggingConfiguration) !== JSON.stringify(machine.loggingConfiguration)) ||
    (tracing !== undefined && Boolean(tracing.enabled) !== machine.tracingConfiguration.enabled);
  const updateDate = new Date();
  if (changed) {
    if (definition !== undefined && parsed) {
      machine.definition = definition;
      machine.parsed = parsed;
    }
    if (roleArn !== undefined) machine.roleArn = roleArn;
    if (loggingConfiguration) machine.loggingConfiguration = loggingConfiguration;
    if (tracing !== undefined) machine.tracingConfiguration = { enabled: Boolean(tracing.enabled) };
    machine.revisionId = randomUUID();
    machine.updateDate = updateDate;
  }
  return { updateDate: epochSeconds(updateDate), ...(machine.revisionId ? { revisionId: machine.revisionId } : {}) };
}
