import { AddPermissionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import type { ResourceProvider } from './provider';
import { ignoreNotFound, str } from './support';

/**
 * AWS::Lambda::Permission (AddPermission with a generated statement id). Every property change
 * replaces it, as in CloudFormation. Ref: `function|statement`; delete removes the statement.
 */
export const lambdaPermission: ResourceProvider = {
  properties: {
    Action: 'replace',
    FunctionName: 'replace',
    Principal: 'replace',
    SourceArn: 'replace',
    SourceAccount: 'replace',
    EventSourceToken: 'replace',
    FunctionUrlAuthType: 'replace',
    PrincipalOrgID: 'replace',
    InvokedViaFunctionUrl: 'replace',
  },
  required: ['Action', 'FunctionName', 'Principal'],
  async create(p, ctx) {
    const statementId = ctx.generateName(100);
    const functionName = String(p.FunctionName);
    await ctx.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: functionName,
        StatementId: statementId,
        Action: String(p.Action),
        Principal: String(p.Principal),
        SourceArn: str(p.SourceArn),
        SourceAccount: str(p.SourceAccount),
        EventSourceToken: str(p.EventSourceToken),
        FunctionUrlAuthType: str(p.FunctionUrlAuthType) as never,
        PrincipalOrgID: str(p.PrincipalOrgID),
        InvokedViaFunctionUrl: p.InvokedViaFunctionUrl === undefined ? undefined : p.InvokedViaFunctionUrl === true || p.InvokedViaFunctionUrl === 'true',
      }),
    );
    return { physicalId: `${functionName}|${statementId}` };
  },
  async delete(resource, ctx) {
    const bar = resource.physicalId.lastIndexOf('|');
    await ignoreNotFound(() =>
      ctx.clients.lambda.send(new RemovePermissionCommand({ FunctionName: resource.physicalId.slice(0, bar), StatementId: resource.physicalId.slice(bar + 1) })),
    );
  },
};
