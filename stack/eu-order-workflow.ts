import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** Orders whose value is above this go to REVIEW; the rest are APPROVED. */
export const REVIEW_THRESHOLD = 1000;

/**
 * The workflow's write on the order's item. It sets only its own attributes, and only when they
 * are absent, so it commutes with ProcessedOrder's write and a redelivered event (a second
 * execution for the same order) changes nothing: the first decision stands.
 */
export const RECORD_DECISION_UPDATE = 'SET #decision = if_not_exists(#decision, :decision), #decidedAt = if_not_exists(#decidedAt, :decidedAt)';

export interface EuOrderWorkflowProps {
  table: dynamodb.ITable;
}

/**
 * `EUOrderWorkflow`: input is the `Order Notification` event as the rule delivers it (a plain
 * target). Output is `{ orderId, decision, decidedAt }`.
 */
export class EuOrderWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: EuOrderWorkflowProps) {
    super(scope, id);
    // Each branch replaces the event by the outcome the next states record and return.
    const decide = (stateId: string, decision: 'APPROVED' | 'REVIEW') =>
      new sfn.Pass(this, stateId, {
        comment: `Decision ${decision}`,
        parameters: {
          orderId: sfn.JsonPath.stringAt('$.detail.orderId'),
          decision,
          decidedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        },
      });

    const recordDecision = new tasks.DynamoUpdateItem(this, 'RecordDecision', {
      comment: 'Records the decision on the order item, keeping an earlier one',
      table: props.table,
      key: { orderId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')) },
      updateExpression: RECORD_DECISION_UPDATE,
      expressionAttributeNames: { '#decision': 'decision', '#decidedAt': 'decidedAt' },
      expressionAttributeValues: {
        ':decision': tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.decision')),
        ':decidedAt': tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.decidedAt')),
      },
      // Keep the outcome as the state output; the UpdateItem response adds nothing.
      resultPath: sfn.JsonPath.DISCARD,
    });

    // Throttling and DynamoDB's own faults pass: try again with back-off rather than fail the order.
    recordDecision.addRetry({
      errors: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.InternalServerErrorException'],
      interval: Duration.seconds(1),
      maxAttempts: 6,
      backoffRate: 2,
    });

    const definition = new sfn.Choice(this, 'ValueAboveThreshold', { comment: `Orders above ${REVIEW_THRESHOLD} need a review` })
      .when(sfn.Condition.numberGreaterThan('$.detail.value', REVIEW_THRESHOLD), decide('Review', 'REVIEW'))
      .otherwise(decide('Approve', 'APPROVED'))
      .afterwards()
      .next(recordDecision)
      .next(new sfn.Succeed(this, 'Decided'));

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: 'EUOrderWorkflow',
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
    });
  }
}
