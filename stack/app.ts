import { App } from 'aws-cdk-lib';
import { OrdersStack } from './orders-stack';

// The CDK app (cdk.json runs it through tsx). Context values: see stack/settings.ts.
const app = new App();
new OrdersStack(app, 'OrdersStack', {
  description: 'Event-driven order fulfillment on the Orders event bus',
  // No AWS::CDK::Metadata resource: the template then holds only the system's own resources.
  analyticsReporting: false,
});
app.synth();
