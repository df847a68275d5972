/** Where and as what the stack is deployed: the values of CloudFormation's pseudo parameters. */
export interface StackEnvironment {
  stackName: string;
  stackId: string;
  accountId: string;
  region: string;
}

/** `AWS::Partition` and `AWS::URLSuffix` follow the region, as CloudFormation's do. */
export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}

/**
 * The pseudo parameters (`AWS::NoValue` is handled by the resolver, which removes what holds it).
 * `AWS::NotificationARNs` is empty: the deployer sends no stack notifications.
 */
export function pseudoParameters(env: StackEnvironment): Map<string, unknown> {
  const { partition, urlSuffix } = partitionOf(env.region);
  return new Map<string, unknown>([
    ['AWS::Region', env.region],
    ['AWS::AccountId', env.accountId],
    ['AWS::Partition', partition],
    ['AWS::URLSuffix', urlSuffix],
    ['AWS::StackName', env.stackName],
    ['AWS::StackId', env.stackId],
    ['AWS::NotificationARNs', []],
  ]);
}
