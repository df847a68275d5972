import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { OrdersStack } from './orders-stack';
import { RECORD_DECISION_UPDATE, REVIEW_THRESHOLD } from './eu-order-workflow';

type Json = any; // template fragments are walked structurally

// Synthesized once for the file; bundles the three handlers with the local esbuild.
const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
const stack = new OrdersStack(app, 'OrdersStack');
const template = Template.fromStack(stack);
const assemblyDir = app.synth().directory;
const resources: Record<string, Json> = template.toJSON().Resources;

/** The logical id of the one resource of `type` whose properties match `props`. */
function logicalId(type: string, props: Json): string {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}

const ids = {
  bus: logicalId('AWS::Events::EventBus', { Name: 'Orders' }),
  orderLog: logicalId('AWS::Logs::LogGroup', { LogGroupName: '/aws/events/orders' }),
  table: logicalId('AWS::DynamoDB::Table', { TableName: 'OrderDetails' }),
  produce: logicalId('AWS::Lambda::Function', { FunctionName: 'ProduceOrder' }),
  processed: logicalId('AWS::Lambda::Function', { FunctionName: 'ProcessedOrder' }),
  consume: logicalId('AWS::Lambda::Function', { FunctionName: 'ConsumeOrder' }),
  producerApi: logicalId('AWS::ApiGateway::RestApi', { Name: 'OrderProducer' }),
  consumerApi: logicalId('AWS::ApiGateway::RestApi', { Name: 'OrderConsumer' }),
  connection: logicalId('AWS::Events::Connection', { Name: 'OrdersConsumerConnection' }),
  destination: logicalId('AWS::Events::ApiDestination', { Name: 'OrdersConsumerDestination' }),
  stateMachine: logicalId('AWS::StepFunctions::StateMachine', { StateMachineName: 'EUOrderWorkflow' }),
  deadLetters: logicalId('AWS::SQS::Queue', { QueueName: 'OrdersDeadLetterQueue' }),
};
const ref = (id: string) => ({ Ref: id });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** The rule named `name`, asserting its pattern is exactly `pattern` and it has one target. */
function rule(name: string, pattern: Json): Json {
  const props = resources[logicalId('AWS::Events::Rule', { Name: name })].Properties;
  expect(props.EventBusName).toEqual(ref(ids.bus));
  expect(props.State).toBe('ENABLED');
  expect(props.EventPattern).toStrictEqual(pattern);
  expect(props.Targets).toHaveLength(1);
  return props.Targets[0];
}

/** Every statement of every inline and standalone policy attached to the role `roleId`. */
function statementsOf(roleId: string): Json[] {
  const role = resources[roleId];
  const inline = (role.Properties.Policies ?? []).flatMap((p: Json) => p.PolicyDocument.Statement);
  const attached = Object.values(resources)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: Json) => x.Ref === roleId))
    .flatMap((r: Json) => r.Properties.PolicyDocument.Statement);
  return [...inline, ...attached];
}

/** The role assumed by the target or function, as a logical id. */
const roleIdOf = (roleArn: Json) => roleArn['Fn::GetAtt'][0] as string;

/** Replaces intrinsic functions inside a Fn::Join by readable placeholders, then parses the JSON. */
function parseJoinedJson(value: Json): Json {
  const parts: Json[] = value['Fn::Join'][1];
  const placeholder = (p: Json) => (p.Ref ? `<Ref ${p.Ref}>` : p['Fn::GetAtt'] ? `<GetAtt ${p['Fn::GetAtt'].join('.')}>` : '<intrinsic>');
  const text = parts.map((p) => (typeof p === 'string' ? p : placeholder(p))).join('');
  return JSON.parse(text);
}

describe('named resources', () => {
  it('holds the bus, the log group destroyed with the stack and the on-demand table keyed by orderId', () => {
    expect(resources[ids.orderLog].DeletionPolicy).toBe('Delete');
    const table = resources[ids.table];
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    });
  });

  it('holds exactly the three functions, nodejs22.x, each with its own role and log group', () => {
    const functions = [ids.produce, ids.processed, ids.consume].map((id) => resources[id].Properties);
    const roles = new Set(functions.map((f) => roleIdOf(f.Role)));
    expect(roles.size).toBe(3);
    for (const [name, id] of [['ProduceOrder', ids.produce], ['ProcessedOrder', ids.processed], ['ConsumeOrder', ids.consume]] as const) {
      const fn = resources[id].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler' });
      const logGroupId = logicalId('AWS::Logs::LogGroup', { LogGroupName: `/aws/lambda/${name}` });
      expect(resources[logGroupId].DeletionPolicy).toBe('Delete');
      expect(fn.LoggingConfig).toEqual({ LogGroup: ref(logGroupId) });
      expect(resources[roleIdOf(fn.Role)].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('configures each function from the stack', () => {
    expect(resources[ids.produce].Properties.Environment.Variables).toEqual({ EVENT_BUS_NAME: ref(ids.bus) });
    expect(resources[ids.processed].Properties.Environment.Variables).toEqual({
      EVENT_BUS_NAME: ref(ids.bus),
      TABLE_NAME: ref(ids.table),
      DISPATCH_CLAIM_SECONDS: String(resources[ids.processed].Properties.Timeout),
    });
    expect(resources[ids.consume].Properties.Environment.Variables).toEqual({ CONSUMER_USERNAME: 'myUsername', CONSUMER_PASSWORD: 'myPassword' });
  });

  it('bundles each handler with esbuild into CommonJS that leaves the AWS SDK to the runtime', () => {
    for (const [id, sdk] of [[ids.produce, 'client-eventbridge'], [ids.processed, 'client-dynamodb'], [ids.consume, null]] as const) {
      const assetPath = resources[id].Metadata['aws:asset:path'];
      const bundle = path.join(assemblyDir, assetPath, 'index.js');
      expect(existsSync(bundle)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code).toMatch(/module\.exports = __toCommonJS/);
      if (sdk) expect(code).toContain(`require("@aws-sdk/${sdk}")`);
      // zod is bundled: the runtime does not provide it.
      expect(code).not.toContain('require("zod")');
    }
  });
});

describe('REST APIs', () => {
  function methodsOf(apiId: string): Json[] {
    const resourceId = logicalId('AWS::ApiGateway::Resource', { RestApiId: ref(apiId), PathPart: 'orders' });
    return Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: ref(resourceId) } })).map((m: Json) => m.Properties);
  }
  function expectProxyTo(method: Json, functionId: string): void {
    expect(method.Integration.Type).toBe('AWS_PROXY');
    expect(method.Integration.IntegrationHttpMethod).toBe('POST');
    expect(JSON.stringify(method.Integration.Uri)).toContain(JSON.stringify(arnOf(functionId)));
  }

  it('OrderProducer: GET /orders with query parameters and POST /orders, both proxied to ProduceOrder', () => {
    const methods = methodsOf(ids.producerApi);
    expect(methods.map((m) => m.HttpMethod).sort()).toEqual(['GET', 'POST']);
    for (const m of methods) expectProxyTo(m, ids.produce);
    const get = methods.find((m) => m.HttpMethod === 'GET');
    expect(Object.keys(get.RequestParameters).sort()).toEqual(
      ['category', 'location', 'orderId', 'value'].map((q) => `method.request.querystring.${q}`),
    );
  });

  it('OrderConsumer: only POST /orders, proxied to ConsumeOrder', () => {
    const methods = methodsOf(ids.consumerApi);
    expect(methods.map((m) => m.HttpMethod)).toEqual(['POST']);
    expectProxyTo(methods[0], ids.consume);
  });

  it('deploys both to stage dev, without the account-wide CloudWatch role', () => {
    for (const api of [ids.producerApi, ids.consumerApi]) template.hasResourceProperties('AWS::ApiGateway::Stage', { RestApiId: ref(api), StageName: 'dev' });
    template.resourceCountIs('AWS::ApiGateway::Stage', 2);
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('lets each API invoke its function only through its own stage and method', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } }));
    expect(permissions).toHaveLength(3);
    for (const p of permissions as Json[]) {
      // arn:...:{apiId}/{stage}/{method}/orders: the stage is a reference, never the `*` of test-invoke.
      const sourceArn = JSON.stringify(p.Properties.SourceArn);
      expect(sourceArn).toMatch(/"\/",\{"Ref":"Order(Producer|Consumer)ApiDeploymentStagedev\w+"\},"\/(GET|POST)\/orders"\]/);
    }
  });
});

describe('rules', () => {
  const orderNotification = { source: ['com.aws.orders'], 'detail-type': ['Order Notification'] };

  it('OrdertoCloudWatch sends every com.aws.order* event to /aws/events/orders, which lets EventBridge write', () => {
    const target = rule('OrdertoCloudWatch', { source: [{ prefix: 'com.aws.order' }] });
    expect(JSON.stringify(target.Arn)).toContain(`":log-group:",{"Ref":"${ids.orderLog}"}`);
    expect(target.Input ?? target.InputPath ?? target.InputTransformer).toBeUndefined();
    const policy = Object.values(template.findResources('Custom::CloudwatchLogResourcePolicy')) as Json[];
    expect(policy).toHaveLength(1);
    const create = parseJoinedJson(policy[0].Properties.Create);
    expect(create).toMatchObject({ service: 'CloudWatchLogs', action: 'putResourcePolicy' });
    expect(JSON.parse(create.parameters.policyDocument).Statement).toEqual([
      {
        Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Resource: `<GetAtt ${ids.orderLog}.Arn>`,
      },
    ]);
  });

  it('USOrdertoAPI sends us-* order notifications to the API destination with its own role', () => {
    const target = rule('USOrdertoAPI', { ...orderNotification, detail: { location: [{ prefix: 'us-' }] } });
    expect(target.Arn).toEqual(arnOf(ids.destination));
    expect(statementsOf(roleIdOf(target.RoleArn))).toEqual([
      { Action: 'events:InvokeApiDestination', Effect: 'Allow', Resource: arnOf(ids.destination) },
    ]);
  });

  it('EUOrdertoStepFunctions sends eu-* order notifications to EUOrderWorkflow as a plain target with its own role', () => {
    const target = rule('EUOrdertoStepFunctions', { ...orderNotification, detail: { location: [{ prefix: 'eu-' }] } });
    expect(target.Arn).toEqual(ref(ids.stateMachine));
    // Plain: the whole event, no InputPath or InputTransformer; retries and a DLQ like every target.
    expect(Object.keys(target).sort()).toEqual(['Arn', 'DeadLetterConfig', 'Id', 'RetryPolicy', 'RoleArn']);
    expect(statementsOf(roleIdOf(target.RoleArn))).toEqual([{ Action: 'states:StartExecution', Effect: 'Allow', Resource: ref(ids.stateMachine) }]);
  });

  it('ProcessedOrderstoLambda sends every order notification (and no dispatch event) to ProcessedOrder', () => {
    const target = rule('ProcessedOrderstoLambda', orderNotification);
    expect(target.Arn).toEqual(arnOf(ids.processed));
    const ruleId = logicalId('AWS::Events::Rule', { Name: 'ProcessedOrderstoLambda' });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(ids.processed),
      Principal: 'events.amazonaws.com',
      SourceArn: arnOf(ruleId),
    });
  });

  it('gives every target the retry policy and the dead-letter queue, which lets each rule send to it', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as Json[];
    for (const r of rules) {
      for (const target of r.Properties.Targets) {
        expect(target.RetryPolicy, r.Properties.Name).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
        expect(target.DeadLetterConfig, r.Properties.Name).toEqual({ Arn: arnOf(ids.deadLetters) });
      }
    }
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')) as Json[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const sourceArns = statements.map((st: Json) => st.Condition?.ArnEquals?.['aws:SourceArn']);
    expect(statements.every((st: Json) => st.Principal?.Service === 'events.amazonaws.com' && st.Action === 'sqs:SendMessage')).toBe(true);
    expect(sourceArns.map((a: Json) => a['Fn::GetAtt'][0]).sort()).toEqual(rules.map((r) => logicalId('AWS::Events::Rule', { Name: r.Properties.Name })).sort());
  });

  it('has exactly these four rules', () => {
    const names = Object.values(template.findResources('AWS::Events::Rule')).map((r: Json) => r.Properties.Name);
    expect(names.sort()).toEqual(['EUOrdertoStepFunctions', 'OrdertoCloudWatch', 'ProcessedOrderstoLambda', 'USOrdertoAPI']);
  });
});

describe('API destination', () => {
  it('OrdersConsumerConnection carries the default Basic credentials', () => {
    expect(resources[ids.connection].Properties).toMatchObject({
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'myUsername', Password: 'myPassword' } },
    });
  });

  it('OrdersConsumerDestination POSTs to the OrderConsumer /orders URL on AWS', () => {
    const props = resources[ids.destination].Properties;
    expect(props.HttpMethod).toBe('POST');
    expect(props.ConnectionArn).toEqual(arnOf(ids.connection));
    const stageId = logicalId('AWS::ApiGateway::Stage', { RestApiId: ref(ids.consumerApi) });
    expect(props.InvocationEndpoint).toEqual({
      'Fn::Join': ['', ['https://', ref(ids.consumerApi), '.execute-api.', ref('AWS::Region'), '.', ref('AWS::URLSuffix'), '/', ref(stageId), '/orders']],
    });
  });
});

describe('EUOrderWorkflow', () => {
  const definition = parseJoinedJson(resources[ids.stateMachine].Properties.DefinitionString);

  it('chooses REVIEW above the threshold and APPROVED otherwise', () => {
    expect(definition.StartAt).toBe('ValueAboveThreshold');
    const choice = definition.States.ValueAboveThreshold;
    expect(choice).toMatchObject({ Type: 'Choice', Default: 'Approve' });
    expect(choice.Choices).toEqual([{ Variable: '$.detail.value', NumericGreaterThan: REVIEW_THRESHOLD, Next: 'Review' }]);
    expect(REVIEW_THRESHOLD).toBe(1000);
    for (const [state, decision] of [['Review', 'REVIEW'], ['Approve', 'APPROVED']]) {
      expect(definition.States[state]).toMatchObject({
        Type: 'Pass',
        Next: 'RecordDecision',
        Parameters: { 'orderId.$': '$.detail.orderId', decision, 'decidedAt.$': '$$.Execution.StartTime' },
      });
    }
  });

  it('records the decision with a DynamoDB UpdateItem that keeps an earlier decision, then succeeds with it', () => {
    const task = definition.States.RecordDecision;
    expect(task).toMatchObject({ Type: 'Task', Resource: 'arn:<Ref AWS::Partition>:states:::dynamodb:updateItem', ResultPath: null, Next: 'Decided' });
    expect(task.Parameters).toEqual({
      TableName: `<Ref ${ids.table}>`,
      Key: { orderId: { 'S.$': '$.orderId' } },
      UpdateExpression: RECORD_DECISION_UPDATE,
      ExpressionAttributeNames: { '#decision': 'decision', '#decidedAt': 'decidedAt' },
      ExpressionAttributeValues: { ':decision': { 'S.$': '$.decision' }, ':decidedAt': { 'S.$': '$.decidedAt' } },
    });
    expect(RECORD_DECISION_UPDATE).toMatch(/^SET #decision = if_not_exists\(#decision, :decision\), #decidedAt = if_not_exists\(#decidedAt, :decidedAt\)$/);
    expect(definition.States.Decided).toEqual({ Type: 'Succeed' });
    expect(Object.keys(definition.States).sort()).toEqual(['Approve', 'Decided', 'RecordDecision', 'Review', 'ValueAboveThreshold']);
  });

  it('retries the DynamoDB task when DynamoDB throttles, with back-off', () => {
    expect(definition.States.RecordDecision.Retry).toEqual([
      {
        ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.InternalServerErrorException'],
        IntervalSeconds: 1,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ]);
  });

  it('is a standard state machine whose role may only update the table', () => {
    const props = resources[ids.stateMachine].Properties;
    expect(props.StateMachineType).toBe('STANDARD');
    const statements = statementsOf(roleIdOf(props.RoleArn));
    expect(statements).toEqual([{ Action: 'dynamodb:UpdateItem', Effect: 'Allow', Resource: expect.anything() }]);
    expect(JSON.stringify(statements[0].Resource)).toContain(`":table/",{"Ref":"${ids.table}"}`);
  });
});

describe('IAM', () => {
  it('gives each function only what its code uses, on the named resources', () => {
    const logsOn = (fnId: string) => {
      const group = resources[fnId].Properties.LoggingConfig.LogGroup.Ref;
      return { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: arnOf(group) };
    };
    const roleOf = (fnId: string) => roleIdOf(resources[fnId].Properties.Role);
    expect(statementsOf(roleOf(ids.produce))).toEqual([logsOn(ids.produce), { Action: 'events:PutEvents', Effect: 'Allow', Resource: arnOf(ids.bus) }]);
    expect(statementsOf(roleOf(ids.processed))).toEqual([
      logsOn(ids.processed),
      // Its asynchronous invocations' dead-letter queue.
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: arnOf(ids.deadLetters) },
      { Action: 'events:PutEvents', Effect: 'Allow', Resource: arnOf(ids.bus) },
      { Action: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], Effect: 'Allow', Resource: arnOf(ids.table) },
    ]);
    expect(resources[ids.processed].Properties.DeadLetterConfig).toEqual({ TargetArn: arnOf(ids.deadLetters) });
    expect(statementsOf(roleOf(ids.consume))).toEqual([logsOn(ids.consume)]);
  });

  // Actions that support no resource-level permission: `*` is the only valid resource for them.
  // They come from the provider function behind Custom::CloudwatchLogResourcePolicy.
  const resourceless = new Set(['logs:PutResourcePolicy', 'logs:DeleteResourcePolicy']);

  it('has no wildcard action anywhere and no wildcard resource where a named resource exists', () => {
    const statements = Object.entries(resources).flatMap(([id, r]: [string, Json]) => {
      const docs = r.Type === 'AWS::IAM::Policy' ? [r.Properties.PolicyDocument] : r.Type === 'AWS::IAM::Role' ? (r.Properties.Policies ?? []).map((p: Json) => p.PolicyDocument) : [];
      return docs.flatMap((d: Json) => d.Statement.map((s: Json) => ({ id, s })));
    });
    expect(statements.length).toBeGreaterThanOrEqual(10);
    const asList = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    for (const { id, s } of statements) {
      expect(s.Effect, id).toBe('Allow');
      expect(s.NotAction ?? s.NotResource, id).toBeUndefined();
      const actions = asList(s.Action);
      for (const action of actions) expect(action, id).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      for (const resource of asList(s.Resource)) {
        if (resource === '*') {
          expect(actions.every((a) => resourceless.has(a)), `${id}: ${actions.join(',')} on *`).toBe(true);
        } else {
          // Literal ARNs with a wildcard part would grant more than one named resource.
          expect(JSON.stringify(resource), id).not.toMatch(/[/:]\*/);
        }
      }
    }
  });

  it('attaches a managed policy only to the custom resource provider function', () => {
    const withManaged = Object.entries(template.findResources('AWS::IAM::Role')).filter(([, r]: [string, Json]) => r.Properties.ManagedPolicyArns);
    expect(withManaged).toHaveLength(1);
    const [providerRole] = withManaged[0]!;
    template.hasResourceProperties('AWS::Lambda::Function', { Role: arnOf(providerRole), Handler: 'index.handler' });
    expect(JSON.stringify(withManaged[0]![1].Properties.ManagedPolicyArns)).toContain('service-role/AWSLambdaBasicExecutionRole');
  });
});

describe('outputs', () => {
  it('exports every name, ARN and id the suites need under stable keys', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: Json; Export?: Json }>;
    const value = (key: string) => outputs[key]!.Value;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'ApiDestinationArn',
        'ApiDestinationEndpoint',
        'BusArn',
        'BusName',
        'ConnectionArn',
        'ConsumeOrderFunctionName',
        'ConsumerApiId',
        'ConsumerApiUrl',
        'DeadLetterQueueArn',
        'DeadLetterQueueUrl',
        'LogGroupName',
        'ProcessedOrderFunctionName',
        'ProduceOrderFunctionName',
        'ProducerApiId',
        'ProducerApiUrl',
        'StateMachineArn',
        'TableName',
      ].sort(),
    );
    expect(value('BusName')).toEqual(ref(ids.bus));
    expect(value('BusArn')).toEqual(arnOf(ids.bus));
    expect(value('LogGroupName')).toEqual(ref(ids.orderLog));
    expect(value('ProducerApiId')).toEqual(ref(ids.producerApi));
    expect(value('ConsumerApiId')).toEqual(ref(ids.consumerApi));
    expect(JSON.stringify(value('ProducerApiUrl'))).toMatch(new RegExp(`^\\{"Fn::Join":\\["",\\["https://",\\{"Ref":"${ids.producerApi}"\\}`));
    expect(JSON.stringify(value('ConsumerApiUrl'))).toMatch(new RegExp(`^\\{"Fn::Join":\\["",\\["https://",\\{"Ref":"${ids.consumerApi}"\\}`));
    expect(value('StateMachineArn')).toEqual(ref(ids.stateMachine));
    expect(value('TableName')).toEqual(ref(ids.table));
    expect(value('ProduceOrderFunctionName')).toEqual(ref(ids.produce));
    expect(value('ProcessedOrderFunctionName')).toEqual(ref(ids.processed));
    expect(value('ConsumeOrderFunctionName')).toEqual(ref(ids.consume));
    expect(value('ApiDestinationArn')).toEqual(arnOf(ids.destination));
    expect(value('ApiDestinationEndpoint')).toEqual(resources[ids.destination].Properties.InvocationEndpoint);
    expect(value('ConnectionArn')).toEqual(arnOf(ids.connection));
    expect(value('DeadLetterQueueUrl')).toEqual(ref(ids.deadLetters));
    expect(value('DeadLetterQueueArn')).toEqual(arnOf(ids.deadLetters));
    for (const output of Object.values(outputs)) expect(output.Export).toBeUndefined();
  });
});

describe('context', () => {
  // Bundling is skipped here: only the template matters, and the first synthesis bundled already.
  const synthWith = (context: Record<string, string>) => {
    const other = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    return Template.fromStack(new OrdersStack(other, 'OrdersStack'));
  };

  it('takes the consumer credentials and LocalStack endpoint from context', () => {
    const local = synthWith({ consumerUsername: 'alice', consumerPassword: 's3cret', localstackEndpoint: 'http://localhost:4566/' });
    local.hasResourceProperties('AWS::Events::Connection', { AuthParameters: { BasicAuthParameters: { Username: 'alice', Password: 's3cret' } } });
    local.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ConsumeOrder',
      Environment: { Variables: { CONSUMER_USERNAME: 'alice', CONSUMER_PASSWORD: 's3cret' } },
    });
    local.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: { 'Fn::Join': ['', ['http://localhost:4566/restapis/', ref(ids.consumerApi), '/dev/_user_request_/orders']] },
    });
  });

  it('refuses a LocalStack endpoint that is not an origin, and a user name with a colon', () => {
    expect(() => synthWith({ localstackEndpoint: 'localhost:4566' })).toThrow(/localstackEndpoint must be an http\(s\) origin/);
    expect(() => synthWith({ localstackEndpoint: 'http://localhost:4566/restapis' })).toThrow(/localstackEndpoint/);
    expect(() => synthWith({ consumerUsername: 'a:b' })).toThrow(/consumerUsername must not contain ":"/);
  });

  it('changes no resource set in the LocalStack form', () => {
    const local = synthWith({ localstackEndpoint: 'http://localhost:4566' }).toJSON();
    const types = (t: Json) => Object.keys(t.Resources).sort();
    expect(types(local)).toEqual(Object.keys(resources).sort());
  });
});
