import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export const API_STAGE = 'dev';
export const ORDERS_PATH = 'orders';

export interface OrderRestApiProps {
  restApiName: string;
  description: string;
  handler: lambda.IFunction;
  /** HTTP methods on `/orders`, each a Lambda proxy integration to `handler`. */
  methods: Array<{ httpMethod: 'GET' | 'POST'; queryParameters?: string[] }>;
}

/** A REST API with one `/orders` resource backed by one function, deployed to stage `dev`. */
export class OrderRestApi extends Construct {
  readonly api: apigw.RestApi;

  constructor(scope: Construct, id: string, props: OrderRestApiProps) {
    super(scope, id);
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: props.description,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Execution logging is off, so the account-wide API Gateway CloudWatch role is not needed.
      cloudWatchRole: false,
      deployOptions: { stageName: API_STAGE },
    });
    // RestApi always adds an output with a generated key; the stack exports the URL under a stable key instead.
    this.api.node.tryRemoveChild('Endpoint');
    // One permission per method for the deployed stage; none for the console's test-invoke.
    const integration = new apigw.LambdaIntegration(props.handler, { allowTestInvoke: false });
    const orders = this.api.root.addResource(ORDERS_PATH);
    for (const method of props.methods) {
      // Declared optional: the function validates them and names every problem in its 400.
      const requestParameters = Object.fromEntries((method.queryParameters ?? []).map((name) => [`method.request.querystring.${name}`, false]));
      orders.addMethod(method.httpMethod, integration, method.queryParameters ? { requestParameters } : {});
    }
  }

  /** The stage URL of `/orders` on AWS (`https://{id}.execute-api.{region}.{suffix}/dev/orders`). */
  get ordersUrl(): string {
    return this.api.urlForPath(`/${ORDERS_PATH}`);
  }
}
