import type { Service } from '../core/hub';
import { queryService } from '../protocol/query';
import { iamOperations } from './operations';
import { createIamStore } from './store';

/** IAM over AWS Query (`Version=2010-05-08`): roles, inline and managed policies, stored and listed, never enforced. */
export function createIamService(): Service {
  return { healthName: 'iam', query: queryService('2010-05-08', 'https://iam.amazonaws.com/doc/2010-05-08/', iamOperations, createIamStore()) };
}
