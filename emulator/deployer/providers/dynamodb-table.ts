import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, UpdateTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { waitFor } from '../../testing/wait';
import { bool, changedProperties, ignoreNotFound, str, UnsupportedChange, SETTLE_TIMEOUT_MS, type Props } from './support';

async function active(name: string, ctx: ProviderContext): Promise<TableDescription> {
  return waitFor(`table ${name} to become ACTIVE`, async () => {
    const { Table } = await ctx.clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
    return Table?.TableStatus === 'ACTIVE' ? Table : undefined;
  }, SETTLE_TIMEOUT_MS);
}

function state(table: TableDescription): ResourceState {
  return { physicalId: table.TableName!, attributes: { Arn: table.TableArn, StreamArn: table.LatestStreamArn } };
}

function streamSpecification(p: Props) {
  const s = p.StreamSpecification as { StreamViewType?: string } | undefined;
  return s ? { StreamEnabled: true, StreamViewType: s.StreamViewType as never } : undefined;
}

/** The table features the emulator's DynamoDB (dynalite) lacks: refused by name, never dropped quietly. */
const NOT_IN_EMULATOR = ['TimeToLiveSpecification', 'PointInTimeRecoverySpecification', 'ContributorInsightsSpecification', 'KinesisStreamSpecification', 'ImportSourceSpecification', 'ResourcePolicy'];

/** AWS::DynamoDB::Table. Ref: the table name; attributes Arn, StreamArn. */
export const dynamoDbTable: ResourceProvider = {
  properties: {
    TableName: 'replace',
    KeySchema: 'replace',
    LocalSecondaryIndexes: 'replace',
    AttributeDefinitions: 'update',
    BillingMode: 'update',
    ProvisionedThroughput: 'update',
    GlobalSecondaryIndexes: 'update',
    StreamSpecification: 'update',
    SSESpecification: 'update',
    Tags: 'update',
    TableClass: 'update',
    DeletionProtectionEnabled: 'update',
    OnDemandThroughput: 'update',
    WarmThroughput: 'update',
    ...Object.fromEntries(NOT_IN_EMULATOR.map((n) => [n, 'update' as const])),
  },
  required: ['KeySchema'],
  nameProperty: 'TableName',
  async create(p, ctx) {
    const missing = NOT_IN_EMULATOR.filter((n) => p[n] !== undefined);
    if (missing.length > 0) throw new Error(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not supported by the embedded emulator's DynamoDB (dynalite)`);
    const name = str(p.TableName) ?? ctx.generateName(255);
    const sse = p.SSESpecification as { SSEEnabled?: boolean | string; SSEType?: string; KMSMasterKeyId?: string } | undefined;
    await ctx.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: p.AttributeDefinitions as never,
        KeySchema: p.KeySchema as never,
        BillingMode: str(p.BillingMode) as never,
        ProvisionedThroughput: p.ProvisionedThroughput as never,
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes as never,
        LocalSecondaryIndexes: p.LocalSecondaryIndexes as never,
        StreamSpecification: streamSpecification(p),
        SSESpecification: sse && { Enabled: bool(sse.SSEEnabled), SSEType: sse.SSEType as never, KMSMasterKeyId: sse.KMSMasterKeyId },
        Tags: p.Tags as never,
        TableClass: str(p.TableClass) as never,
        DeletionProtectionEnabled: bool(p.DeletionProtectionEnabled),
      }),
    );
    return state(await active(name, ctx));
  },
  async update(previous, p, ctx) {
    const changed = changedProperties(previous.properties, p);
    const updatable = ['BillingMode', 'ProvisionedThroughput', 'StreamSpecification', 'AttributeDefinitions'];
    const unsupported = changed.filter((c) => !updatable.includes(c));
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::DynamoDB::Table', unsupported);
    await ctx.clients.dynamodb.send(
      new UpdateTableCommand({
        TableName: previous.physicalId,
        AttributeDefinitions: p.AttributeDefinitions as never,
        BillingMode: changed.includes('BillingMode') ? (str(p.BillingMode) as never) : undefined,
        ProvisionedThroughput: changed.includes('ProvisionedThroughput') ? (p.ProvisionedThroughput as never) : undefined,
        StreamSpecification: changed.includes('StreamSpecification') ? (streamSpecification(p) ?? { StreamEnabled: false }) : undefined,
      }),
    );
    return state(await active(previous.physicalId, ctx));
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.dynamodb.send(new DeleteTableCommand({ TableName: resource.physicalId })));
  },
};
