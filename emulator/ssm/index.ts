import type { Service } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import { jsonService } from '../protocol/json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { ssmOperations } from './operations';
import type { StoredParameter } from './parameters';

/** SSM Parameter Store over AWS JSON 1.1 (`X-Amz-Target: AmazonSSM.*`). */
export function createSsmService(): Service {
  const store = new RegionalStore(() => new Map<string, StoredParameter>());
  return { healthName: 'ssm', json: jsonService('AmazonSSM', ssmOperations, store, VALIDATION_EXCEPTION) };
}
