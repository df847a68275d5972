import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OrderFunctionProps {
  /** The function name, one of the fixed names in docs/stack.md (also names its log group). */
  functionName: string;
  /** The handler module under handlers/, e.g. `produce-order.ts`. */
  handlerFile: string;
  environment: Record<string, string>;
  timeout: Duration;
  /** Where asynchronous invocations go once Lambda's retries are spent. */
  deadLetterQueue?: sqs.IQueue;
}

/**
 * One handler as a NodejsFunction bundled by the local esbuild, with its own role and its own log
 * group. The role may write only to that log group; callers add the statements the code needs, so
 * no managed policy with `*` resources is attached.
 */
export class OrderFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OrderFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.functionName} function`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      entry: fileURLToPath(new URL(`../handlers/${props.handlerFile}`, import.meta.url)),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      memorySize: 256,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      bundling: {
        // The local esbuild (a dev dependency) bundles; Docker is never needed.
        forceDockerBundling: false,
        // The nodejs22.x runtime provides the AWS SDK v3; everything else (zod) is bundled.
        externalModules: ['@aws-sdk/*'],
        target: 'node22',
      },
    });
  }
}
