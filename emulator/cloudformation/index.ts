import type { Service } from '../core/hub';

// Placeholder: the custom-resource response endpoint arrives with the deployer.
export function createCloudFormationService(): Service {
  return { healthName: 'cloudformation' };
}
