import type { Hub } from '../core/hub';
import type { CloudFormationStore } from './stacks';

/** What every CloudFormation handler is handed: the stacks, and the hub the engine deploys through. */
export interface CloudFormationRuntime {
  hub: Hub;
  store: CloudFormationStore;
}
