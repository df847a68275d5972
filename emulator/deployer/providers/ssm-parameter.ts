import { DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { randomSuffix } from '../physical-names';
import type { ProviderContext, ResourceProvider } from './provider';
import { ignoreNotFound, str, type Props } from './support';

/** AWS::SSM::Parameter: a parameter in the emulator's Parameter Store. Ref is its name. */
export const ssmParameter: ResourceProvider = {
  properties: { Name: 'replace', Type: 'update', Value: 'update', Description: 'update', AllowedPattern: 'update', Tier: 'update', Tags: 'update', DataType: 'update', Policies: 'update' },
  required: ['Type', 'Value'],
  nameProperty: 'Name',
  async create(p, ctx) {
    // CloudFormation names an unnamed parameter CFN-<logical id>-<random>.
    const name = str(p.Name) ?? `CFN-${ctx.logicalId}-${randomSuffix()}`;
    await put(name, p, false, ctx);
    return { physicalId: name, attributes: { Type: str(p.Type), Value: str(p.Value) } };
  },
  async update(previous, p, ctx) {
    await put(previous.physicalId, p, true, ctx);
    return { physicalId: previous.physicalId, attributes: { Type: str(p.Type), Value: str(p.Value) } };
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.ssm.send(new DeleteParameterCommand({ Name: resource.physicalId })), ['ParameterNotFound']);
  },
};

async function put(name: string, p: Props, overwrite: boolean, ctx: ProviderContext): Promise<void> {
  await ctx.clients.ssm.send(
    new PutParameterCommand({
      Name: name,
      Type: str(p.Type) as 'String' | 'StringList',
      Value: str(p.Value),
      Description: str(p.Description),
      AllowedPattern: str(p.AllowedPattern),
      Tier: str(p.Tier) as never,
      DataType: str(p.DataType),
      Overwrite: overwrite,
    }),
  );
}
