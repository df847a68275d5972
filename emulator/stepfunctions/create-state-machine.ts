import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { stateMachineArn } from './arns';
import { validateName } from './names';
import { checkEnum, epochSeconds, requireString } from './request';
import type { LoggingConfiguration, StateMachineRecord, StateMachineType, StepFunctionsBackend } from './store';
import { parseDefinition } from './validate-definition';

export const STATE_MACHINE_TYPES = ['STANDARD', 'EXPRESS'] as const;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

/**
 * CreateStateMachine. Idempotent as on AWS: the same name, definition, type, logging and tracing
 * configuration return the existing state machine (a different roleArn or tags are ignored); the
 * same name with anything else different is StateMachineAlreadyExists.
 */
export function createStateMachine(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const name = requireString(input, 'name');
  const definition = requireString(input, 'definition');
  const roleArn = requireString(input, 'roleArn');
  checkEnum(input.type, 'type', STATE_MACHINE_TYPES);
  const type = (input.type ?? 'STANDARD') as StateMachineType;
  validateName(name);
  const loggingConfiguration = loggingConfigurationOf(input.loggingConfiguration);
  const tracingConfiguration = { enabled: Boolean((input.tracingConfiguration as { enabled?: unknown } | undefined)?.enabled) };

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
export function loggingConfigurationOf(raw: unknown): LoggingConfiguration {
  const config = (raw ?? {}) as { level?: unknown; includeExecutionData?: unknown; destinations?: unknown };
  checkEnum(config.level, 'loggingConfiguration.level', LOG_LEVELS);
  const level = (config.level as string | undefined) ?? 'OFF';
  const destinations = Array.isArray(config.destinations) ? config.destinations : undefined;
  if ((destinations && destinations.length > 1) || (level !== 'OFF' && (!destinations || destinations.length !== 1))) {
    throw new AwsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  return { level, includeExecutionData: Boolean(config.includeExecutionData), ...(destinations ? { destinations } : {}) };
}

export function tagsOf(raw: unknown): Map<string, string> {
  const tags = new Map<string, string>();
  for (const tag of Array.isArray(raw) ? (raw as Array<{ key?: unknown; value?: unknown }>) : []) {
    if (typeof tag.key === 'string') tags.set(tag.key, typeof tag.value === 'string' ? tag.value : '');
  }
  return tags;
}
