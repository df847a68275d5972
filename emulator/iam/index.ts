import type { IamInternal } from '../core/hub';
import { queryService } from '../protocol/query';
import { iamOperations } from './operations';
import { PassRoleLog } from './pass-role';
import { createIamStore } from './store';

/**
 * IAM over AWS Query (`Version=2010-05-08`): roles, inline and managed policies, stored and
 * listed, never enforced; plus the `iam:PassRole` checks other services record
 * (`GET /_testbed/iam/pass-role`).
 */
export function createIamService(): IamInternal {
  const store = createIamStore();
  const passRoles = new PassRoleLog(store);
  return {
    healthName: 'iam',
    query: queryService('2010-05-08', 'https://iam.amazonaws.com/doc/2010-05-08/', iamOperations, store),
    async handleHttp(req, res, url) {
      return passRoles.handleHttp(req, res, url);
    },
    passRole(ctx, roleArn, passedTo, operation) {
      passRoles.record(ctx, { roleArn, passedTo, operation });
    },
  };
}
