import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function stateMachineArn(ctx: Pick<RequestContext, 'accountId' | 'region'>, name: string): string {
  return `arn:${partitionOf(ctx.region)}:states:${ctx.region}:${ctx.accountId}:stateMachine:${name}`;
}

/** Standard executions are `...:execution:<machine>:<name>`; Express ones `...:express:<machine>:<name>:<id>`. */
export function executionArn(machine: { arn: string; name: string; type: string }, name: string, expressId: string): string {
  const [arn, partition, service, region, account] = machine.arn.split(':');
  const base = `${arn}:${partition}:${service}:${region}:${account}`;
  return machine.type === 'EXPRESS' ? `${base}:express:${machine.name}:${name}:${expressId}` : `${base}:execution:${machine.name}:${name}`;
}

export interface StatesArn {
  region: string;
  accountId: string;
  resourceType: string;
}

/**
 * Checks an ARN handed to a Step Functions operation, with AWS's `InvalidArn` messages: anything
 * not starting `arn:` is an invalid prefix; a Step Functions ARN of another resource type (an
 * execution where a state machine belongs, an Express execution where history is asked for) is
 * "not valid in this context".
 */
export function parseStatesArn(value: string, expected: 'stateMachine' | 'execution'): StatesArn {
  const parts = value.split(':');
  if (parts[0] !== 'arn' || parts.length < 7 || parts[2] !== 'states') {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${value}'`);
  }
  const resourceType = parts[5]!;
  if (resourceType !== expected) {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${resourceType.toLowerCase()}'`);
  }
  return { region: parts[3]!, accountId: parts[4]!, resourceType };
}
