import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/request-context';
import { Clients, type Credentials } from './clients';
import type { StackRecords } from './stack-record';

/** How to reach the emulator and what to deploy with. */
export interface DeployOptions {
  /** The emulator's endpoint, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  /** Defaults to us-east-1, the emulator's (and LocalStack's) default. */
  region?: string;
  /** Any credentials do; an access key id of twelve digits names the account, as in the emulator. */
  credentials?: Credentials;
  /** Template parameter values, by name. */
  parameters?: Record<string, string>;
  /** Values for `AWS::SSM::Parameter::Value<...>` parameters, by SSM parameter name. */
  ssmParameters?: Record<string, string>;
  /** How long a custom resource may take to respond when it sets no `ServiceTimeout` (default 60 s). */
  customResourceTimeoutMs?: number;
  /** Progress lines, one per resource event; silent when absent. */
  log?: (line: string) => void;
  /** Each resource's status changes as CloudFormation reports them (the CloudFormation front's stack events). */
  onEvent?: (event: ResourceEvent) => void;
  /** Where stack records are kept; by default inside the emulator, over HTTP (`StackRecordStore`). */
  records?: StackRecords;
  /** The stack's id when the caller has given it one already (the CloudFormation front). */
  stackId?: string;
  /** Reads `AWS::SSM::Parameter::Value<...>` parameters from Parameter Store instead of `ssmParameters`. */
  ssmLookup?: (name: string) => string | undefined;
  /**
   * A resource type with no provider: `refuse` the template before anything is created (the
   * default), or `fail` that resource when its turn comes, as CloudFormation fails a type it
   * cannot create, so the stack rolls back.
   */
  unknownTypes?: 'refuse' | 'fail';
}

/** One resource's status change: `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `CREATE_FAILED` (with a reason), ... */
export interface ResourceEvent {
  logicalId: string;
  type: string;
  status: string;
  physicalId?: string;
  reason?: string;
  properties?: Record<string, unknown>;
}

export interface Resolved {
  endpoint: string;
  region: string;
  accountId: string;
  clients: Clients;
  log: (line: string) => void;
}

/** The account the emulator will file our calls under: the same rule as its request context. */
export function accountIdFor(accessKeyId: string): string {
  return /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT;
}

export function resolveOptions(options: DeployOptions): Resolved {
  const region = options.region ?? DEFAULT_REGION;
  const credentials = options.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' };
  const endpoint = options.endpoint.replace(/\/+$/, '');
  return {
    endpoint,
    region,
    accountId: accountIdFor(credentials.accessKeyId),
    clients: new Clients({ endpoint, region, credentials }),
    log: options.log ?? (() => {}),
  };
}
