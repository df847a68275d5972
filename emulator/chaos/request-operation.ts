import type { IncomingMessage } from 'node:http';

/** The service and operation of an AWS API request, as the Chaos API's rules name them. */
export interface ApiCall {
  service: string;
  operation?: string;
}

/** `X-Amz-Target` prefixes of the JSON services, by LocalStack's service names. */
const TARGET_PREFIXES: Record<string, string> = {
  AWSEvents: 'events',
  Logs_20140328: 'logs',
  DynamoDB_20120810: 'dynamodb',
  AWSStepFunctions: 'stepfunctions',
  AmazonSQS: 'sqs',
  AmazonSSM: 'ssm',
};

/** SigV4 signing names that differ from LocalStack's service names. */
const SIGNING_NAMES: Record<string, string> = { states: 'stepfunctions', 'execute-api': 'apigateway' };

const CREDENTIAL_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[a-z0-9-]+\/([a-z0-9-]+)\//;

/** Lambda's REST paths, for rules that name an operation (`Invoke`). */
const LAMBDA_OPERATIONS: Array<[string, RegExp, string]> = [
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/, 'Invoke'],
  ['POST', /^\/2015-03-31\/functions\/?$/, 'CreateFunction'],
  ['GET', /^\/2015-03-31\/functions\/?$/, 'ListFunctions'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/?$/, 'GetFunction'],
  ['DELETE', /^\/2015-03-31\/functions\/[^/]+\/?$/, 'DeleteFunction'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/configuration\/?$/, 'GetFunctionConfiguration'],
  ['PUT', /^\/2015-03-31\/functions\/[^/]+\/configuration\/?$/, 'UpdateFunctionConfiguration'],
  ['PUT', /^\/2015-03-31\/functions\/[^/]+\/code\/?$/, 'UpdateFunctionCode'],
];

/**
 * Names the call from what every AWS request carries: `X-Amz-Target` for the JSON protocols,
 * otherwise the service in the SigV4 credential scope, with the operation from `Action` (Query
 * protocol, when it is in the URL) or the REST path. Requests that are not AWS API calls (an API
 * Gateway stage's URL, the emulator's own `/_` routes) are none.
 */
export function apiCallOf(req: IncomingMessage, url: URL): ApiCall | undefined {
  if (url.pathname.startsWith('/_')) return undefined;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const service = TARGET_PREFIXES[prefix] ?? signingService(req);
    if (service) return { service, operation: target.slice(dot + 1) };
  }
  const service = signingService(req);
  if (!service) return undefined;
  const action = url.searchParams.get('Action');
  if (action) return { service, operation: action };
  if (service === 'lambda') {
    const found = LAMBDA_OPERATIONS.find(([method, path]) => method === req.method && path.test(url.pathname));
    return { service, operation: found?.[2] };
  }
  return { service };
}

function signingService(req: IncomingMessage): string | undefined {
  const m = CREDENTIAL_SERVICE.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  return SIGNING_NAMES[m[1]!] ?? m[1]!;
}
