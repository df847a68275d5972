import type { Hub, LambdaInternal } from '../core/hub';
import { AwsError } from '../core/aws-error';

// Placeholder until the service lands: every call fails loudly rather than pretending to work.
export function createLambdaService(_hub: Hub): LambdaInternal {
  const notYet = (): never => {
    throw new AwsError('NotImplemented', 'lambda is not implemented yet', 501);
  };
  return { healthName: 'lambda', json: undefined, appendEvents: notYet, ensureLogGroup: notYet, hasLogGroup: notYet, invoke: notYet, invokeApi: notYet, findApi: notYet, startExecution: notYet, putEvents: notYet } as unknown as LambdaInternal;
}
