import type { Hub, LogsInternal } from '../core/hub';
import { AwsError } from '../core/aws-error';

// Placeholder until the service lands: every call fails loudly rather than pretending to work.
export function createLogsService(_hub: Hub): LogsInternal {
  const notYet = (): never => {
    throw new AwsError('NotImplemented', 'logs is not implemented yet', 501);
  };
  return { healthName: 'logs', json: undefined, appendEvents: notYet, ensureLogGroup: notYet, hasLogGroup: notYet, invoke: notYet, invokeApi: notYet, findApi: notYet, startExecution: notYet, putEvents: notYet } as unknown as LogsInternal;
}
