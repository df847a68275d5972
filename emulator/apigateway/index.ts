import type { Hub, ApiGatewayInternal } from '../core/hub';
import { AwsError } from '../core/aws-error';

// Placeholder until the service lands: every call fails loudly rather than pretending to work.
export function createApiGatewayService(_hub: Hub): ApiGatewayInternal {
  const notYet = (): never => {
    throw new AwsError('NotImplemented', 'apigateway is not implemented yet', 501);
  };
  return { healthName: 'apigateway', json: undefined, appendEvents: notYet, ensureLogGroup: notYet, hasLogGroup: notYet, invoke: notYet, invokeApi: notYet, findApi: notYet, startExecution: notYet, putEvents: notYet } as unknown as ApiGatewayInternal;
}
