import { CreateDeploymentCommand, DeleteDeploymentCommand, DeleteStageCommand, UpdateDeploymentCommand } from '@aws-sdk/client-api-gateway';
import type { ResourceProvider } from './provider';
import { changedProperties, ignoreNotFound, str, UnsupportedChange } from './support';

/**
 * AWS::ApiGateway::Deployment: a snapshot of the API's methods. CDK renames the logical id when
 * the API changes, so a changed API means a new deployment and the old one deleted afterwards.
 * Ref: the deployment id; attribute DeploymentId.
 */
export const apiDeployment: ResourceProvider = {
  properties: { RestApiId: 'replace', Description: 'update', StageName: 'update', StageDescription: 'update', DeploymentCanarySettings: 'update' },
  required: ['RestApiId'],
  async create(p, ctx) {
    if (p.StageDescription !== undefined || p.DeploymentCanarySettings !== undefined) {
      throw new Error('StageDescription and DeploymentCanarySettings are not supported by the embedded deployer; describe the stage with an AWS::ApiGateway::Stage');
    }
    const created = await ctx.clients.apigateway.send(new CreateDeploymentCommand({ restApiId: String(p.RestApiId), description: str(p.Description), stageName: str(p.StageName) }));
    return { physicalId: created.id!, attributes: { DeploymentId: created.id } };
  },
  async update(previous, p, ctx) {
    const changed = changedProperties(previous.properties, p);
    const unsupported = changed.filter((c) => c !== 'Description');
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::ApiGateway::Deployment', unsupported);
    await ctx.clients.apigateway.send(
      new UpdateDeploymentCommand({ restApiId: String(p.RestApiId), deploymentId: previous.physicalId, patchOperations: [{ op: 'replace', path: '/description', value: str(p.Description) ?? '' }] }),
    );
    return { physicalId: previous.physicalId, attributes: { DeploymentId: previous.physicalId } };
  },
  async delete(resource, ctx) {
    const restApiId = String(resource.properties.RestApiId);
    // A stage made through StageName goes with its deployment, which could not be deleted under it.
    const stageName = str(resource.properties.StageName);
    if (stageName) await ignoreNotFound(() => ctx.clients.apigateway.send(new DeleteStageCommand({ restApiId, stageName })));
    await ignoreNotFound(() => ctx.clients.apigateway.send(new DeleteDeploymentCommand({ restApiId, deploymentId: resource.physicalId })));
  },
};
