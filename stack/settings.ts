import type { Node } from 'constructs';

/** What a deployment may choose through CDK context (`cdk synth -c name=value` or cdk.json). */
export interface StackSettings {
  /** The Basic credentials the API destination sends and ConsumeOrder expects. */
  consumerUsername: string;
  consumerPassword: string;
  /**
   * Set for deployments into LocalStack, where execute-api host names do not resolve: the API
   * destination then calls `{localstackEndpoint}/restapis/{id}/dev/_user_request_/orders`.
   */
  localstackEndpoint?: string;
}

export const DEFAULT_CONSUMER_USERNAME = 'myUsername';
export const DEFAULT_CONSUMER_PASSWORD = 'myPassword';

export function readSettings(node: Node): StackSettings {
  const consumerUsername = contextString(node, 'consumerUsername') ?? DEFAULT_CONSUMER_USERNAME;
  const consumerPassword = contextString(node, 'consumerPassword') ?? DEFAULT_CONSUMER_PASSWORD;
  // RFC 7617: the user-id of Basic credentials cannot contain a colon.
  if (consumerUsername.includes(':')) throw new Error('Context value consumerUsername must not contain ":" (Basic authentication separates user and password with it)');
  const localstackEndpoint = contextString(node, 'localstackEndpoint');
  if (localstackEndpoint !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(localstackEndpoint)) {
    throw new Error(`Context value localstackEndpoint must be an http(s) origin such as http://localhost:4566, not ${JSON.stringify(localstackEndpoint)}`);
  }
  return { consumerUsername, consumerPassword, localstackEndpoint: localstackEndpoint?.replace(/\/$/, '') };
}

function contextString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context value ${key} must be a string`);
  return value;
}
