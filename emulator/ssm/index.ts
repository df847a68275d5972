import type { Service } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import { jsonService } from '../protocol/json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { ssmOperations } from './operations';
import type { StoredParameter } from './parameters';

/** What other services read from Parameter Store in process: CloudFormation's SSM-typed parameters. */
export interface SsmInternal extends Service {
  parameterValue(accountId: string, region: string, name: string): string | undefined;
}

/** SSM Parameter Store over AWS JSON 1.1 (`X-Amz-Target: AmazonSSM.*`). */
export function createSsmService(): SsmInternal {
  const store = new RegionalStore(() => new Map<string, StoredParameter>());
  return {
    healthName: 'ssm',
    json: jsonService('AmazonSSM', ssmOperations, store, VALIDATION_EXCEPTION),
    parameterValue: (accountId, region, name) => store.get(accountId, region).get(name)?.Value,
  };
}

declare module '../core/hub' {
  interface Hub {
    ssm: SsmInternal;
  }
}
