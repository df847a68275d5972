import type { ResourceProvider } from './provider';
import { str } from './support';

/**
 * AWS::ECR::Repository, recorded only: the emulator has no ECR and the CDK bootstrap stack's
 * repository is never pushed to by file assets. Ref is the name; Arn and RepositoryUri as ECR's.
 */
export const ecrRepository: ResourceProvider = {
  properties: 'any',
  async create(p, ctx) {
    const name = str(p.RepositoryName) ?? ctx.generateName(256).toLowerCase();
    return {
      physicalId: name,
      attributes: {
        Arn: `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${name}`,
        RepositoryUri: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
      },
    };
  },
  async update(previous) {
    return previous;
  },
  async delete() {},
};
