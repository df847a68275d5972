import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { enumOf, required, string, type InputOf } from '../protocol/validation';
import { stateMachineArn } from './arns';
import { validateName } from './names';
import { epochSeconds } from './request';
import { LOGGING_CONFIGURATION, NAME, STATE_MACHINE_TYPES, TAGS, TRACING_CONFIGURATION } from './shapes';
import type { LoggingConfiguration, StateMachineRecord, StepFunctionsBackend } from './store';
import { parseDefinition } from './validate-definition';

export const CreateStateMachineInput = {
  name: required(NAME),
  definition: required(string()),
  roleArn: required(string()),
  type: enumOf(STATE_MACHINE_TYPES),
  loggingConfiguration: LOGGING_CONFIGURATION,
  tags: TAGS,
  tracingConfiguration: TRACING_CONFIGURATION,
};

/**
 * CreateStateMachine. Idempotent as on AWS: the same name, definition, type, logging and tracing
 * configuration return the existing state machine (a different roleArn or tags are ignored); the
 * same name with anything else different is StateMachineAlreadyExists.
 */
export function createStateMachine(backend: StepFunctionsBackend, input: InputOf<typeof CreateStateMachineInput>, ctx: RequestContext) {
  const { name, definition, roleArn } = input;
  const type = input.type ?? 'STANDARD';
  validateName(name);
  const loggingConfiguration = loggingConfigurationOf(input.loggingConfiguration);
  const tracingConfiguration = { enabled: Boolean(input.tracingConfiguration?.enabled) };

  backend.hub.iam.passRole(ctx, roleArn, 'states.amazonaws.com', 'CreateStateMachine');
  const region = backend.regions.get(ctx.accountId, ctx.region);
  const arn = stateMachineArn(ctx, name);
  const existing = region.stateMachines.get(arn);
  if (existing) {
    const same =
      existing.definition === definition &&
      existing.type === type &&
      JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration) &&
      existing.tracingConfiguration.enabled === tracingConfiguration.enabled;
    if (same) return { stateMachineArn: existing.arn, creationDate: epochSeconds(existing.creationDate) };
    throw new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }

  const record: StateMachineRecord = {
    arn,
    name,
    type,
    definition,
    parsed: parseDefinition(definition),
    roleArn,
    creationDate: new Date(),
    loggingConfiguration,
    tracingConfiguration,
    tags: tagsOf(input.tags),
  };
  region.stateMachines.set(arn, record);
  return { stateMachineArn: arn, creationDate: epochSeconds(record.creationDate) };
}

/** Level OFF and no execution data unless told otherwise; any other level needs exactly one destination. */
export function loggingConfigurationOf(given?: InputOf<typeof LOGGING_CONFIGURATION.members> | null): LoggingConfiguration {
  const config = given ?? {};
  const level = config.level ?? 'OFF';
  const destinations = config.destinations;
  if ((destinations && destinations.length > 1) || (level !== 'OFF' && (!destinations || destinations.length !== 1))) {
    throw new AwsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  return { level, includeExecutionData: Boolean(config.includeExecutionData), ...(destinations ? { destinations } : {}) };
}

export function tagsOf(raw: Array<{ key?: string; value?: string }> = []): Map<string, string> {
  const tags = new Map<string, string>();
  for (const tag of raw) {
    if (tag.key !== undefined) tags.set(tag.key, tag.value ?? '');
  }
  return tags;
}
