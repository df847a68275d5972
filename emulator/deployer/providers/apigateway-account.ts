import { UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import type { ProviderContext, ResourceProvider } from './provider';
import { str, type Props } from './support';

async function setRole(p: Props, ctx: ProviderContext): Promise<void> {
  const role = str(p.CloudWatchRoleArn);
  await ctx.clients.apigateway.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role ?? '' }] }));
}

/**
 * AWS::ApiGateway::Account: the region's API Gateway settings (the CloudWatch role), set with
 * UpdateAccount. There is one per account and region, so deleting the resource leaves the
 * setting as it is, as CloudFormation does (CDK also marks it Retain).
 */
export const apiAccount: ResourceProvider = {
  properties: { CloudWatchRoleArn: 'update' },
  async create(p, ctx) {
    await setRole(p, ctx);
    return { physicalId: ctx.generateName(64) };
  },
  async update(previous, p, ctx) {
    await setRole(p, ctx);
    return { physicalId: previous.physicalId };
  },
  async delete() {},
};
