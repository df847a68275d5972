/**
 * ARNs as EventBridge forms them, and the names, accounts and regions read back out of them.
 * Rules on the default bus keep AWS's short form `rule/{name}`; rules on other buses carry the
 * bus: `rule/{bus}/{name}`.
 */

export const DEFAULT_BUS = 'default';

export function eventBusArn(region: string, accountId: string, name: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
}

export function ruleArn(region: string, accountId: string, busName: string, ruleName: string): string {
  const path = busName === DEFAULT_BUS ? ruleName : `${busName}/${ruleName}`;
  return `arn:aws:events:${region}:${accountId}:rule/${path}`;
}

export function connectionArn(region: string, accountId: string, name: string, id: string): string {
  return `arn:aws:events:${region}:${accountId}:connection/${name}/${id}`;
}

/** The Secrets Manager secret EventBridge keeps a connection's credentials in. */
export function connectionSecretArn(region: string, accountId: string, name: string, id: string, suffix: string): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:events!connection/${name}/${id}-${suffix}`;
}

export function apiDestinationArn(region: string, accountId: string, name: string, id: string): string {
  return `arn:aws:events:${region}:${accountId}:api-destination/${name}/${id}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    accountId: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}

/** `EventBusName` members accept a name or a bus ARN; the operations work on the name. */
export function busNameFrom(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const at = nameOrArn.indexOf(':event-bus/');
  return at === -1 ? nameOrArn : nameOrArn.slice(at + ':event-bus/'.length);
}

/** Account and region named by a bus ARN, when the bus is given as one. */
export function busOwnerFrom(nameOrArn: string | undefined): { accountId: string; region: string } | undefined {
  if (!nameOrArn?.startsWith('arn:')) return undefined;
  const parsed = parseArn(nameOrArn);
  if (!parsed || !parsed.accountId || !parsed.region) return undefined;
  return { accountId: parsed.accountId, region: parsed.region };
}

/** `arn:aws:logs:{region}:{account}:log-group:{name}` with or without the trailing `:*`. */
export function logGroupNameFrom(arn: string): string | undefined {
  const at = arn.indexOf(':log-group:');
  if (at === -1) return undefined;
  const name = arn.slice(at + ':log-group:'.length);
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}

/** The connection or API destination name inside its ARN (`.../{name}/{uuid}`). */
export function namedResourceFrom(arn: string, kind: 'connection' | 'api-destination'): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'events') return undefined;
  const [type, name] = parsed.resource.split('/');
  return type === kind ? name : undefined;
}
