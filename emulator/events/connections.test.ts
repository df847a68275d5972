import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

const basic = { BasicAuthParameters: { Username: 'myUsername', Password: 'myPassword' } };

describe('connections', () => {
  it('creates a Basic connection, AUTHORIZED, and never describes the password', async () => {
    const name = uniqueName('basic');
    const created = await env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'BASIC', AuthParameters: basic, Description: 'orders' }));
    expect(created.ConnectionArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:000000000000:connection/${name}/[0-9a-f-]{36}$`));
    expect(created.ConnectionState).toBe('AUTHORIZED');
    const described = await env.events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described).toMatchObject({
      ConnectionArn: created.ConnectionArn,
      Name: name,
      Description: 'orders',
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'myUsername' } },
    });
    expect(described.SecretArn).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection/${name}/`));
    expect(JSON.stringify(described)).not.toContain('myPassword');
  });

  it('describes an API key connection by key name only, and hides secret invocation parameters', async () => {
    const name = uniqueName('apikey');
    await env.events.send(
      new CreateConnectionCommand({
        Name: name,
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'sekret-value' },
          InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-visible', Value: 'v', IsValueSecret: false }, { Key: 'x-hidden', Value: 'hidden-value', IsValueSecret: true }] },
        },
      }),
    );
    const described = await env.events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.AuthParameters).toEqual({
      ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' },
      InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-visible', Value: 'v', IsValueSecret: false }, { Key: 'x-hidden', IsValueSecret: true }] },
    });
    expect(JSON.stringify(described)).not.toMatch(/sekret-value|hidden-value/);
  });

  it('starts an OAuth connection AUTHORIZING and describes no client secret', async () => {
    const name = uniqueName('oauth');
    const created = await env.events.send(
      new CreateConnectionCommand({
        Name: name,
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { AuthorizationEndpoint: 'https://example.com/oauth', HttpMethod: 'POST', ClientParameters: { ClientID: 'client_id', ClientSecret: 'client_secret' } } },
      }),
    );
    expect(created.ConnectionState).toBe('AUTHORIZING');
    const described = await env.events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.AuthParameters).toEqual({ OAuthParameters: { AuthorizationEndpoint: 'https://example.com/oauth', HttpMethod: 'POST', ClientParameters: { ClientID: 'client_id' } } });
  });

  it('accepts the OAuth method in lower case, as AWS does, and still refuses other methods', async () => {
    const name = uniqueName('oauth-lower');
    const oauth = (HttpMethod: string) => ({ OAuthParameters: { AuthorizationEndpoint: 'https://example.com/oauth', HttpMethod: HttpMethod as 'PUT', ClientParameters: { ClientID: 'id', ClientSecret: 's' } } });
    await env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: oauth('put') }));
    const described = await env.events.send(new DescribeConnectionCommand({ Name: name }));
    expect(described.AuthParameters?.OAuthParameters?.HttpMethod).toBe('put');
    const err = await errorOf(() => env.events.send(new CreateConnectionCommand({ Name: `${name}-x`, AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS', AuthParameters: oauth('patch') })));
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'patch' at 'authParameters.oAuthParameters.httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [GET, POST, PUT]",
    });
  });

  it('lists, updates and deletes', async () => {
    const name = uniqueName('lifecycle');
    await env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'BASIC', AuthParameters: basic }));
    const listed = await env.events.send(new ListConnectionsCommand({ NamePrefix: name }));
    expect(listed.Connections).toEqual([expect.objectContaining({ Name: name, AuthorizationType: 'BASIC', ConnectionState: 'AUTHORIZED' })]);

    const updated = await env.events.send(new UpdateConnectionCommand({ Name: name, AuthParameters: { BasicAuthParameters: { Username: 'new_user' } } }));
    expect(updated.ConnectionState).toBe('AUTHORIZED');
    expect((await env.events.send(new DescribeConnectionCommand({ Name: name }))).AuthParameters).toEqual({ BasicAuthParameters: { Username: 'new_user' } });

    const deleted = await env.events.send(new DeleteConnectionCommand({ Name: name }));
    expect(deleted.ConnectionState).toBe('DELETING');
    const err = await errorOf(() => env.events.send(new DescribeConnectionCommand({ Name: name })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Failed to describe the connection(s). Connection '${name}' does not exist.` });
  });

  it('refuses a second connection of the same name', async () => {
    const name = uniqueName('dup');
    await env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'BASIC', AuthParameters: basic }));
    const err = await errorOf(() => env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'BASIC', AuthParameters: basic })));
    expect(err.name).toBe('ResourceAlreadyExistsException');
  });

  it('reports every broken constraint at once, as AWS does', async () => {
    const name = 'This should fail with two errors 123467890123412341234123412341234';
    const err = await errorOf(() => env.events.send(new CreateConnectionCommand({ Name: name, AuthorizationType: 'INVALID' as never, AuthParameters: basic })));
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: `3 validation errors detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; Value 'INVALID' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]`,
    });
  });
});

describe('API destinations', () => {
  let connectionArn: string;
  beforeAll(async () => {
    const created = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('dest-conn'), AuthorizationType: 'BASIC', AuthParameters: basic }));
    connectionArn = created.ConnectionArn!;
  });

  it('creates, describes, lists, updates and deletes, with AWS defaults', async () => {
    const name = uniqueName('dest');
    const created = await env.events.send(new CreateApiDestinationCommand({ Name: name, ConnectionArn: connectionArn, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST', Description: 'Test API destination' }));
    expect(created.ApiDestinationArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:000000000000:api-destination/${name}/[0-9a-f-]{36}$`));
    expect(created.ApiDestinationState).toBe('ACTIVE');
    expect(await env.events.send(new DescribeApiDestinationCommand({ Name: name }))).toMatchObject({
      ApiDestinationArn: created.ApiDestinationArn,
      Name: name,
      Description: 'Test API destination',
      ApiDestinationState: 'ACTIVE',
      ConnectionArn: connectionArn,
      InvocationEndpoint: 'https://example.com/api',
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 300,
    });
    const listed = await env.events.send(new ListApiDestinationsCommand({ NamePrefix: name }));
    expect(listed.ApiDestinations).toHaveLength(1);
    expect(listed.ApiDestinations?.[0]).not.toHaveProperty('Description');

    await env.events.send(new UpdateApiDestinationCommand({ Name: name, HttpMethod: 'PUT', InvocationEndpoint: 'https://example.com/api/v2', InvocationRateLimitPerSecond: 10 }));
    expect(await env.events.send(new DescribeApiDestinationCommand({ Name: name }))).toMatchObject({ HttpMethod: 'PUT', InvocationEndpoint: 'https://example.com/api/v2', InvocationRateLimitPerSecond: 10 });

    await env.events.send(new DeleteApiDestinationCommand({ Name: name }));
    const err = await errorOf(() => env.events.send(new DescribeApiDestinationCommand({ Name: name })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.` });
  });

  it('is INACTIVE while its connection is not authorized', async () => {
    const oauth = await env.events.send(
      new CreateConnectionCommand({
        Name: uniqueName('dest-oauth'),
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { AuthorizationEndpoint: 'https://example.com/oauth', HttpMethod: 'POST', ClientParameters: { ClientID: 'id', ClientSecret: 'secret' } } },
      }),
    );
    const created = await env.events.send(new CreateApiDestinationCommand({ Name: uniqueName('dest-inactive'), ConnectionArn: oauth.ConnectionArn, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST' }));
    expect(created.ApiDestinationState).toBe('INACTIVE');
  });

  it('refuses bad parameters with AWS message', async () => {
    const err = await errorOf(() => env.events.send(new CreateApiDestinationCommand({ Name: 'x', ConnectionArn: 'invalid-connection-arn', InvocationEndpoint: 'https://example.com', HttpMethod: 'INVALID_METHOD' as never })));
    expect(err).toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$; Value 'INVALID_METHOD' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
    });
    const name = await errorOf(() => env.events.send(new CreateApiDestinationCommand({ Name: 'Invalid Name With Spaces!', ConnectionArn: connectionArn, InvocationEndpoint: 'https://example.com', HttpMethod: 'POST' })));
    expect(name.message).toBe("1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
  });

  it('refuses a connection that does not exist', async () => {
    const err = await errorOf(() =>
      env.events.send(new CreateApiDestinationCommand({ Name: uniqueName('orphan'), ConnectionArn: 'arn:aws:events:us-east-1:000000000000:connection/none/00000000-0000-0000-0000-000000000000', InvocationEndpoint: 'https://example.com', HttpMethod: 'POST' })),
    );
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: "Failed to describe the connection(s). Connection 'none' does not exist." });
  });
});
