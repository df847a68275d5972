import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ConsumerDestination } from './consumer-destination';
import { EuOrderWorkflow } from './eu-order-workflow';
import { OrderFunction } from './order-function';
import { OrderRestApi } from './order-rest-api';
import { readSettings } from './settings';
import { ORDER_DETAIL_TYPE, ORDER_SOURCE } from '../handlers/order';

/** Every event whose source starts with this goes to the log group (orders and dispatches). */
const ORDER_SOURCE_PREFIX = 'com.aws.order';
const FUNCTION_TIMEOUT = Duration.seconds(10);
/** EventBridge's own defaults, written out: 185 retries within 24 hours, then the dead-letter queue. */
const TARGET_RETRY_ATTEMPTS = 185;
const TARGET_MAX_EVENT_AGE = Duration.hours(24);

/**
 * The order fulfillment system (docs/stack.md): bus `Orders`, four rules, three functions, two
 * REST APIs, an API destination, the `EUOrderWorkflow` state machine and the `OrderDetails` table.
 * Names are fixed (docs/stack.md, "Resource names"); context values are read by `readSettings`.
 */
export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this.node);

    const bus = new events.EventBus(this, 'Orders', { eventBusName: 'Orders' });
    const orderLog = new logs.LogGroup(this, 'OrdersLogGroup', {
      logGroupName: '/aws/events/orders',
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const table = new dynamodb.Table(this, 'OrderDetails', {
      tableName: 'OrderDetails',
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Where an event no target attempt could deliver ends up, readable with ReceiveMessage; also
    // ProcessedOrder's asynchronous invocations that failed every Lambda retry.
    const deadLetters = new sqs.Queue(this, 'OrdersDeadLetterQueue', {
      queueName: 'OrdersDeadLetterQueue',
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const delivery = { deadLetterQueue: deadLetters, retryAttempts: TARGET_RETRY_ATTEMPTS, maxEventAge: TARGET_MAX_EVENT_AGE };

    const produceOrder = new OrderFunction(this, 'ProduceOrder', {
      functionName: 'ProduceOrder',
      handlerFile: 'produce-order.ts',
      timeout: FUNCTION_TIMEOUT,
      environment: { EVENT_BUS_NAME: bus.eventBusName },
    });
    allow(produceOrder.role, ['events:PutEvents'], [bus.eventBusArn]);

    const processedOrder = new OrderFunction(this, 'ProcessedOrder', {
      functionName: 'ProcessedOrder',
      handlerFile: 'processed-order.ts',
      timeout: FUNCTION_TIMEOUT,
      environment: {
        EVENT_BUS_NAME: bus.eventBusName,
        TABLE_NAME: table.tableName,
        // A claim older than the function timeout belongs to an invocation that has ended.
        DISPATCH_CLAIM_SECONDS: String(FUNCTION_TIMEOUT.toSeconds()),
      },
      deadLetterQueue: deadLetters,
    });
    allow(processedOrder.role, ['events:PutEvents'], [bus.eventBusArn]);
    allow(processedOrder.role, ['dynamodb:UpdateItem', 'dynamodb:GetItem'], [table.tableArn]);

    const consumeOrder = new OrderFunction(this, 'ConsumeOrder', {
      functionName: 'ConsumeOrder',
      handlerFile: 'consume-order.ts',
      timeout: FUNCTION_TIMEOUT,
      environment: { CONSUMER_USERNAME: settings.consumerUsername, CONSUMER_PASSWORD: settings.consumerPassword },
    });

    const producerApi = new OrderRestApi(this, 'OrderProducer', {
      restApiName: 'OrderProducer',
      description: 'Takes orders (GET or POST /orders) and publishes them to the Orders bus',
      handler: produceOrder.function,
      methods: [{ httpMethod: 'GET', queryParameters: ['location', 'category', 'value', 'orderId'] }, { httpMethod: 'POST' }],
    });
    const consumerApi = new OrderRestApi(this, 'OrderConsumer', {
      restApiName: 'OrderConsumer',
      description: 'Receives US orders from the OrdersConsumerDestination API destination',
      handler: consumeOrder.function,
      methods: [{ httpMethod: 'POST' }],
    });
    const consumer = new ConsumerDestination(this, 'OrdersConsumer', {
      consumerApi,
      username: settings.consumerUsername,
      password: settings.consumerPassword,
      localstackEndpoint: settings.localstackEndpoint,
    });
    const workflow = new EuOrderWorkflow(this, 'EUOrderWorkflow', { table });

    const orderNotification = { source: [ORDER_SOURCE], detailType: [ORDER_DETAIL_TYPE] };
    const logRule = new events.Rule(this, 'OrdertoCloudWatch', {
      ruleName: 'OrdertoCloudWatch',
      eventBus: bus,
      eventPattern: { source: events.Match.prefix(ORDER_SOURCE_PREFIX) },
      targets: [new targets.CloudWatchLogGroup(orderLog, { installLatestAwsSdk: false, ...delivery })],
    });
    // The log group target does not grant its rule the dead-letter queue, as the other targets do.
    deadLetters.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [deadLetters.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': logRule.ruleArn } },
      }),
    );
    new events.Rule(this, 'USOrdertoAPI', {
      ruleName: 'USOrdertoAPI',
      eventBus: bus,
      eventPattern: { ...orderNotification, detail: { location: events.Match.prefix('us-') } },
      targets: [new targets.ApiDestination(consumer.destination, delivery)],
    });
    new events.Rule(this, 'EUOrdertoStepFunctions', {
      ruleName: 'EUOrdertoStepFunctions',
      eventBus: bus,
      eventPattern: { ...orderNotification, detail: { location: events.Match.prefix('eu-') } },
      // Plain target (the whole event): LocalStack 4.14 fails Step Functions targets with InputPath or InputTransformer.
      targets: [new targets.SfnStateMachine(workflow.stateMachine, delivery)],
    });
    new events.Rule(this, 'ProcessedOrderstoLambda', {
      ruleName: 'ProcessedOrderstoLambda',
      eventBus: bus,
      eventPattern: orderNotification,
      targets: [new targets.LambdaFunction(processedOrder.function, delivery)],
    });

    const outputs: Record<string, string> = {
      BusName: bus.eventBusName,
      BusArn: bus.eventBusArn,
      LogGroupName: orderLog.logGroupName,
      ProducerApiId: producerApi.api.restApiId,
      ProducerApiUrl: producerApi.api.url,
      ConsumerApiId: consumerApi.api.restApiId,
      ConsumerApiUrl: consumerApi.api.url,
      StateMachineArn: workflow.stateMachine.stateMachineArn,
      TableName: table.tableName,
      ProduceOrderFunctionName: produceOrder.function.functionName,
      ProcessedOrderFunctionName: processedOrder.function.functionName,
      ConsumeOrderFunctionName: consumeOrder.function.functionName,
      ApiDestinationArn: consumer.destination.apiDestinationArn,
      ApiDestinationEndpoint: consumer.endpoint,
      ConnectionArn: consumer.connection.connectionArn,
      DeadLetterQueueUrl: deadLetters.queueUrl,
      DeadLetterQueueArn: deadLetters.queueArn,
    };
    for (const [key, value] of Object.entries(outputs)) new CfnOutput(this, key, { value });
  }
}

/** Adds one statement to a function's own role: these actions, on these named resources only. */
function allow(role: iam.IRole, actions: string[], resources: string[]): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
}
