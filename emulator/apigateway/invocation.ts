import type { InvocationIds } from './gateway-responses';
import type { DeployedApi, Stage } from './model';
import type { RouteMatch } from './route-matching';

/** One request to a deployed stage, resolved to its route, as the integrations need it. */
export interface Invocation {
  ids: InvocationIds;
  accountId: string;
  region: string;
  apiId: string;
  stage: Stage;
  deployment: DeployedApi;
  route: RouteMatch;
  httpMethod: string;
  /** The path below the stage as sent; `/stage{rawPath}` is `requestContext.path`. */
  rawPath: string;
  /** `rawPath` with its leading slashes merged, the proxy event's `path`. */
  path: string;
  query: URLSearchParams;
  /** Request headers in arrival order with their original casing. */
  headers: Array<[name: string, value: string]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  forwardedPort: string;
  forwardedProto: string;
  receivedAt: Date;
  /** The API's endpoint type (`EDGE`, `REGIONAL`, `PRIVATE`); an EDGE API's requests pass CloudFront. */
  endpointType?: string;
}

/** The last value of a header, matched without regard to case, as API Gateway's single-value view. */
export function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (const [k, v] of headers) if (k.toLowerCase() === lower) value = v;
  return value;
}
