import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { MAX_BODY_BYTES, readBody, sendJson, toAwsError, type BodyLimit } from './http';
import { compileTable, type OperationTable } from './operations';
import type { Dialect, Members, Shape } from './validation';

/**
 * AWS REST-JSON (Lambda, API Gateway): each operation is bound to a method and a URI template;
 * members travel in path labels, query parameters, headers and a JSON body, as the service model's
 * `http` trait and `location`s say. The binding is declared on the operation's table entry:
 *
 *   CreateFunction: op(CreateFunctionInput, createFunction, { http: { method: 'POST', uri: '/2015-03-31/functions', status: 201 } }),
 *   GetFunction:    op(GetFunctionInput, getFunction, { http: { method: 'GET', uri: '/2015-03-31/functions/{FunctionName}', query: { Qualifier: 'Qualifier' } } }),
 *   GetStages:      op(GetStagesInput, getStages, { http: { method: 'GET', uri: '/restapis/{restApiId}/stages', query: { deploymentId: 'deploymentId' } } }),
 *   GetResources:   op(GetResourcesInput, getResources, { http: { method: 'GET', uri: '/restapis/{restApiId}/resources', query: { embed: { name: 'embed', list: true } } } }),
 */
export interface RestBinding {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** `/restapis/{restApiId}/stages/{stageName}`: each `{Label}` is an input member; `{Label+}` takes the rest of the path. */
  uri: string;
  /** Members carried as query parameters: member -> parameter name (`list` for repeated parameters). */
  query?: Readonly<Record<string, string | { name: string; list: true }>>;
  /** Members carried as headers: member -> header name. */
  headers?: Readonly<Record<string, string>>;
  /** The member that takes the raw body (a blob payload such as Invoke's `Payload`); otherwise the body's JSON members are the input's. */
  payload?: string;
  /** Body members whose JSON name differs from the member name: member -> JSON name (PutIntegration's `integrationHttpMethod` travels as `httpMethod`). */
  jsonNames?: Readonly<Record<string, string>>;
  /** The success status the model gives the operation (201 for creations, 202/204 for deletions); 200 by default. */
  status?: number;
  /**
   * Output members bound outside the JSON body (Invoke's `StatusCode`, `X-Amz-Function-Error`
   * and raw `Payload`): the member holding the status, members sent as headers, and the member
   * sent as the raw body (with `contentType` when it is not empty).
   */
  output?: {
    status?: string;
    headers?: Readonly<Record<string, string>>;
    payload?: string;
    contentType?: string;
    /** Output members whose JSON name differs: member -> JSON name (API Gateway's list pages send `items` as `item`). */
    jsonNames?: Readonly<Record<string, string>>;
  };
}

interface Route {
  name: string;
  binding: RestBinding;
  pattern: RegExp;
  labels: string[];
  members: Members;
}

/** A URI template as a regular expression with one group per label; a trailing slash is optional. */
export function compileUri(uri: string): { pattern: RegExp; labels: string[] } {
  const labels: string[] = [];
  const source = uri
    .replace(/\/$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!label) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label[1]!);
      return label[2] ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}/?$`), labels };
}

/** Query and header strings as the member's shape wants them (numbers, booleans, lists). */
function coerce(shape: Shape | undefined, raw: string): unknown {
  if (!shape) return raw;
  if (shape.type === 'integer' || shape.type === 'long') return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (shape.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

export interface RestMatch {
  operation: string;
  input: Record<string, unknown>;
  status: number;
  output?: RestBinding['output'];
}

/** The error for a body that is not a JSON object; each service words its own. */
export type BadBody = () => AwsError;

const serializationError: BadBody = () => new AwsError('SerializationException', 'Could not parse the request body as JSON.');

/** The routes of a REST-JSON table, matched in table order. */
export class RestRouter {
  private readonly routes: Route[] = [];

  constructor(
    table: OperationTable<unknown>,
    private readonly badBody: BadBody = serializationError,
    private readonly bodyLimit: OperationBodyLimit = () => MAX_BODY_BYTES,
  ) {
    for (const [name, operation] of Object.entries(table)) {
      if (!operation.http) continue;
      this.routes.push({ name, binding: operation.http, members: operation.input, ...compileUri(operation.http.uri) });
    }
  }

  /** The operation a request is for, with its input bound from labels, query, headers and body. */
  async match(req: IncomingMessage, url: URL): Promise<RestMatch | undefined> {
    for (const route of this.routes) {
      if (route.binding.method !== req.method) continue;
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const { binding, members } = route;
      const body = await readBody(req, this.bodyLimit(route.name, req));
      let input: Record<string, unknown> = {};
      if (binding.payload) input[binding.payload] = body;
      else if (body.length > 0) {
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch {
          throw this.badBody();
        }
        if (input === null || typeof input !== 'object' || Array.isArray(input)) throw this.badBody();
      }
      for (const [member, jsonName] of Object.entries(binding.jsonNames ?? {})) {
        if (!(jsonName in input)) continue;
        const value = input[jsonName];
        delete input[jsonName];
        input[member] = value;
      }
      route.labels.forEach((label, i) => (input[label] = decodeURIComponent(m[i + 1]!)));
      for (const [member, where] of Object.entries(binding.query ?? {})) {
        if (typeof where === 'string') {
          const value = url.searchParams.get(where);
          if (value !== null) input[member] = coerce(members[member], value);
        } else if (url.searchParams.has(where.name)) input[member] = url.searchParams.getAll(where.name);
      }
      for (const [member, header] of Object.entries(binding.headers ?? {})) {
        const value = req.headers[header.toLowerCase()];
        if (typeof value === 'string') input[member] = coerce(members[member], value);
      }
      return { operation: route.name, input, status: binding.status ?? 200, output: binding.output };
    }
    return undefined;
  }
}

/** How a REST-JSON service writes its errors' bodies (Lambda's `Type`/`Message`, API Gateway's `message`). */
export type ErrorBody = (err: AwsError) => Record<string, unknown>;

/** What differs between REST-JSON services on the wire, besides their tables. */
export interface RestJsonStyle {
  /** The error body; `{ message }` by default. */
  errorBody?: ErrorBody;
  /** Headers an error adds (Lambda's `Retry-After` on throttling). */
  errorHeaders?: (err: AwsError) => Record<string, string>;
  /** The error for a request body that is not a JSON object. */
  badBody?: BadBody;
  /** The largest body each operation reads (the emulator's default ceiling when unset). */
  bodyLimit?: OperationBodyLimit;
}

/** An operation's body limit; the request is there for limits that depend on a header (Lambda's invocation type). */
export type OperationBodyLimit = (operation: string, req: IncomingMessage) => BodyLimit | number;

const plainBody: ErrorBody = (err) => ({ message: err.message, ...err.extra });

/**
 * The REST-JSON protocols' one error writer: the code in `x-amzn-ErrorType` (what the SDK v3 maps
 * to the named exception), the status of the error, and the service's body.
 */
export function sendRestJsonError(res: ServerResponse, err: AwsError, requestId: string, style: RestJsonStyle = {}): void {
  const body = (style.errorBody ?? plainBody)(err);
  sendJson(res, err.statusCode, body, { 'x-amzn-errortype': err.code, 'x-amzn-requestid': requestId, ...style.errorHeaders?.(err) });
}

/** A result whose binding puts members in the status line, headers or a raw body. */
function sendBound(res: ServerResponse, status: number, result: Record<string, unknown>, output: NonNullable<RestBinding['output']>, requestId: string): void {
  const headers: Record<string, string | number> = { 'x-amzn-requestid': requestId };
  const statusCode = (output.status !== undefined && (result[output.status] as number | undefined)) || status;
  for (const [member, header] of Object.entries(output.headers ?? {})) {
    if (result[member] !== undefined) headers[header.toLowerCase()] = String(result[member]);
  }
  const payload = output.payload ? ((result[output.payload] as Buffer | undefined) ?? Buffer.alloc(0)) : undefined;
  if (payload === undefined) {
    const rest = Object.fromEntries(
      Object.entries(result)
        .filter(([k]) => k !== output.status && !(output.headers && k in output.headers))
        .map(([k, v]) => [output.jsonNames?.[k] ?? k, v]),
    );
    sendJson(res, statusCode, rest, headers as Record<string, string>);
    return;
  }
  headers['content-length'] = payload.length;
  if (payload.length > 0 && output.contentType) headers['content-type'] = output.contentType;
  res.writeHead(statusCode, headers);
  res.end(payload);
}

/**
 * A REST-JSON service from its table: answers the requests one of its bindings matches and
 * returns false for every other request, so the server can ask the next service.
 */
export function restJsonService<C>(table: OperationTable<C>, context: C, dialect: Dialect, style: RestJsonStyle = {}) {
  const router = new RestRouter(table as OperationTable<unknown>, style.badBody, style.bodyLimit);
  const operations = compileTable(table, context, dialect);
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext): Promise<boolean> => {
    try {
      const matched = await router.match(req, url);
      if (!matched) return false;
      const result = await operations[matched.operation]!(matched.input, ctx);
      if (matched.output && result !== undefined) sendBound(res, matched.status, result as Record<string, unknown>, matched.output, ctx.requestId);
      else if (matched.status === 204 || result === undefined) res.writeHead(matched.status, { 'x-amzn-requestid': ctx.requestId }).end();
      else sendJson(res, matched.status, result, { 'x-amzn-requestid': ctx.requestId });
    } catch (err) {
      sendRestJsonError(res, toAwsError(err), ctx.requestId, style);
    }
    return true;
  };
  return Object.assign(handle, { operations });
}
