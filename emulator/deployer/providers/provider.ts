import type { Clients } from '../clients';
import type { FileAsset } from '../template';

/** Everything a provider may use while it creates, updates or deletes one resource. */
export interface ProviderContext {
  logicalId: string;
  resourceType: string;
  stackName: string;
  stackId: string;
  accountId: string;
  region: string;
  partition: string;
  clients: Clients;
  /** The emulator's endpoint (custom-resource response URLs are served there). */
  endpoint: string;
  /** File assets of the cloud assembly, by S3 object key. */
  assets: ReadonlyMap<string, FileAsset>;
  /** How long a custom resource may take to answer when it sets no `ServiceTimeout`. */
  customResourceTimeoutMs: number;
  /** A CloudFormation-style generated name for a resource whose name property is absent. */
  generateName(maxLength: number): string;
  log(line: string): void;
}

/** What CloudFormation knows of a resource once it exists. */
export interface ResourceState {
  physicalId: string;
  /** What `Ref` returns; the physical id unless the type says otherwise. */
  ref?: unknown;
  /** What `Fn::GetAtt` returns, by attribute name. */
  attributes?: Record<string, unknown>;
}

/** The resource as it was deployed last time, handed to update and delete. */
export interface DeployedResource extends ResourceState {
  properties: Record<string, unknown>;
}

/**
 * How one CloudFormation resource type is deployed into the emulator. Properties are resolved
 * (no intrinsic functions left) and typed as the template gives them.
 */
export interface ResourceProvider {
  /**
   * The properties the type accepts, and what a change to each needs: an update in place, or a
   * replacement (a new resource, then the old one deleted). `'any'`: every property is the
   * provider's (custom resources), and every change is an update.
   */
  properties: Record<string, 'update' | 'replace'> | 'any';
  required?: string[];
  /** The property that names the resource, if the type has one (replacement rules depend on it). */
  nameProperty?: string;
  create(properties: Record<string, unknown>, ctx: ProviderContext): Promise<ResourceState>;
  /** Absent: the type has nothing updatable in place, so every change is a replacement. */
  update?(previous: DeployedResource, properties: Record<string, unknown>, ctx: ProviderContext): Promise<ResourceState>;
  delete(resource: DeployedResource, ctx: ProviderContext): Promise<void>;
}
