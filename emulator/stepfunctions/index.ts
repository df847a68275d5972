import type { Hub, StepFunctionsInternal } from '../core/hub';
import { AwsError } from '../core/aws-error';

// Placeholder until the service lands: every call fails loudly rather than pretending to work.
export function createStepFunctionsService(_hub: Hub): StepFunctionsInternal {
  const notYet = (): never => {
    throw new AwsError('NotImplemented', 'stepfunctions is not implemented yet', 501);
  };
  return { healthName: 'stepfunctions', json: undefined, appendEvents: notYet, ensureLogGroup: notYet, hasLogGroup: notYet, invoke: notYet, invokeApi: notYet, findApi: notYet, startExecution: notYet, putEvents: notYet } as unknown as StepFunctionsInternal;
}
