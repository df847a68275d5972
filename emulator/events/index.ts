import type { Hub, EventsInternal } from '../core/hub';
import { AwsError } from '../core/aws-error';

// Placeholder until the service lands: every call fails loudly rather than pretending to work.
export function createEventsService(_hub: Hub): EventsInternal {
  const notYet = (): never => {
    throw new AwsError('NotImplemented', 'events is not implemented yet', 501);
  };
  return { healthName: 'events', json: undefined, appendEvents: notYet, ensureLogGroup: notYet, hasLogGroup: notYet, invoke: notYet, invokeApi: notYet, findApi: notYet, startExecution: notYet, putEvents: notYet } as unknown as EventsInternal;
}
