import { CreateConnectionCommand, DeleteConnectionCommand, DescribeConnectionCommand, UpdateConnectionCommand } from '@aws-sdk/client-eventbridge';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { waitFor } from '../../testing/wait';
import { ignoreNotFound, str, SETTLE_TIMEOUT_MS, type Props } from './support';

const SETTLING = new Set(['CREATING', 'UPDATING', 'AUTHORIZING']);

/** Waits until the connection leaves its transitional states, as CloudFormation's handler does. */
async function settled(name: string, ctx: ProviderContext): Promise<ResourceState> {
  const connection = await waitFor(`connection ${name} to be authorized`, async () => {
    const c = await ctx.clients.events.send(new DescribeConnectionCommand({ Name: name }));
    return c.ConnectionState && SETTLING.has(c.ConnectionState) ? undefined : c;
  }, SETTLE_TIMEOUT_MS);
  if (connection.ConnectionState === 'FAILED_CONNECTIVITY' || connection.ConnectionState === 'DEAUTHORIZED') throw new Error(`connection ${name} is ${connection.ConnectionState}: ${connection.StateReason ?? 'no reason given'}`);
  return { physicalId: name, attributes: { Arn: connection.ConnectionArn, SecretArn: connection.SecretArn, ArnForPolicy: connection.ConnectionArn } };
}

function input(p: Props) {
  return {
    Description: str(p.Description),
    AuthorizationType: str(p.AuthorizationType) as never,
    AuthParameters: p.AuthParameters as never,
    InvocationConnectivityParameters: p.InvocationConnectivityParameters as never,
    KmsKeyIdentifier: str(p.KmsKeyIdentifier),
  };
}

/** AWS::Events::Connection. Ref: the name; attributes Arn, SecretArn. */
export const eventsConnection: ResourceProvider = {
  properties: { Name: 'replace', Description: 'update', AuthorizationType: 'update', AuthParameters: 'update', InvocationConnectivityParameters: 'update', KmsKeyIdentifier: 'update' },
  nameProperty: 'Name',
  async create(p, ctx) {
    const name = str(p.Name) ?? ctx.generateName(64);
    await ctx.clients.events.send(new CreateConnectionCommand({ Name: name, ...input(p) }));
    return settled(name, ctx);
  },
  async update(previous, p, ctx) {
    await ctx.clients.events.send(new UpdateConnectionCommand({ Name: previous.physicalId, ...input(p) }));
    return settled(previous.physicalId, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.events.send(new DeleteConnectionCommand({ Name: resource.physicalId })));
  },
};
