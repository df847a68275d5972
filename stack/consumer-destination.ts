import { Fn, SecretValue, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { API_STAGE, ORDERS_PATH, type OrderRestApi } from './order-rest-api';

export interface ConsumerDestinationProps {
  consumerApi: OrderRestApi;
  username: string;
  password: string;
  /** LocalStack's origin, when deploying there; see StackSettings.localstackEndpoint. */
  localstackEndpoint?: string;
}

/**
 * The connection `OrdersConsumerConnection` (Basic auth) and the API destination
 * `OrdersConsumerDestination`, which POSTs each matched event to the OrderConsumer `/orders`.
 */
export class ConsumerDestination extends Construct {
  readonly connection: events.Connection;
  readonly destination: events.ApiDestination;
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: ConsumerDestinationProps) {
    super(scope, id);
    this.connection = new events.Connection(this, 'Connection', {
      connectionName: 'OrdersConsumerConnection',
      description: 'Basic credentials the OrderConsumer API expects',
      // Test credentials from CDK context on purpose (`myUsername` / `myPassword` unless overridden): see docs/stack.md.
      authorization: events.Authorization.basic(props.username, SecretValue.unsafePlainText(props.password)),
    });
    Validations.of(this.connection).acknowledge({
      id: 'CloudFormation-Validate::W2501',
      reason: 'The consumer credentials are test credentials chosen through CDK context; EventBridge stores them in its own secret',
    });
    const restApiId = props.consumerApi.api.restApiId;
    this.endpoint =
      props.localstackEndpoint === undefined
        ? props.consumerApi.ordersUrl
        : Fn.join('', [`${props.localstackEndpoint}/restapis/`, restApiId, `/${API_STAGE}/_user_request_/${ORDERS_PATH}`]);
    this.destination = new events.ApiDestination(this, 'Destination', {
      apiDestinationName: 'OrdersConsumerDestination',
      description: 'POST /orders on the OrderConsumer API',
      connection: this.connection,
      endpoint: this.endpoint,
      httpMethod: events.HttpMethod.POST,
    });
  }
}
