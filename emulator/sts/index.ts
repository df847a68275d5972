import type { Service } from '../core/hub';
import { queryService } from '../protocol/query';
import { stsOperations } from './operations';

/** STS over AWS Query (`Version=2011-06-15`): GetCallerIdentity, AssumeRole, GetSessionToken. */
export function createStsService(): Service {
  return { healthName: 'sts', query: queryService('2011-06-15', 'https://sts.amazonaws.com/doc/2011-06-15/', stsOperations, undefined) };
}
