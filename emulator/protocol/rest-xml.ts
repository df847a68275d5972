import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { MAX_BODY_BYTES, readBody, toAwsError, type BodyLimit } from './http';
import { compileTable, op, type Operation, type OperationTable } from './operations';
import { compileUri, type RestBinding } from './rest-json';
import type { InputOf, Members } from './validation';

/**
 * AWS REST-XML (S3): each operation is bound to a method and a URI template as in REST-JSON, and
 * the template may name query keys that must be present, as the service model writes them
 * (`/{Bucket}?location`, `/{Bucket}/{Key+}?uploadId`). Members travel in labels, query parameters
 * and headers; a payload member takes the body, raw or parsed from XML. Handlers answer with a
 * `RestXmlReply`: status, headers, and a raw body or an XML document.
 */
export interface RestXmlBinding extends RestBinding {
  /** A header whose presence selects this operation over another on the same route (CopyObject's `x-amz-copy-source`). */
  whenHeader?: string;
  /** Parse the body as XML into the payload member (PutBucketEncryption's configuration) rather than passing it raw. */
  xmlPayload?: boolean;
  /** Members that collect every header with a prefix, prefix removed (`x-amz-meta-` user metadata). */
  headerPrefixes?: Readonly<Record<string, string>>;
  /** A member that takes every request header, for handlers that keep headers as given (S3 objects). */
  allHeaders?: string;
}

export interface RestXmlReply {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  /** A raw body (GetObject); or `xml`, serialised with the root element named. */
  body?: Buffer | string;
  xml?: { root: string; value: object };
}

/** An entry of a REST-XML table: `op` with the XML binding, which adds route selectors to REST-JSON's. */
export function xmlOp<const M extends Members, C>(
  input: M,
  handler: (context: C, input: InputOf<M>, ctx: RequestContext) => RestXmlReply | Promise<RestXmlReply>,
  http: RestXmlBinding,
): Operation<C> {
  return op(input, handler, { http });
}

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Element names that are lists wherever they appear in a request body (S3 lists are flattened). */
const LIST_ELEMENTS = new Set(['Part', 'Object', 'Rule', 'Tag', 'Transition', 'NoncurrentVersionTransition', 'Grant', 'CORSRule', 'AllowedMethod', 'AllowedOrigin', 'AllowedHeader', 'ExposeHeader']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, processEntities: true });

/** An XML request body as an object (the root element's content), or an AWS `MalformedXML` error. */
export function parseXmlBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
  const root = Object.keys(doc).find((k) => k !== '?xml');
  const value = root === undefined ? undefined : doc[root];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** A document with `root` as its root element, values as elements (arrays repeat the element). */
export function xmlDocument(root: string, value: object, xmlns: string | undefined = S3_XMLNS): string {
  const content = xmlValue(value) as object;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ [root]: xmlns ? { '@_xmlns': xmlns, ...content } : content });
}

function xmlValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(xmlValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = xmlValue(v);
    return out;
  }
  return value;
}

interface Route {
  name: string;
  binding: RestXmlBinding;
  pattern: RegExp;
  labels: string[];
  /** Query keys the template requires (`?uploads`), and values some require (`?list-type=2`). */
  required: Array<[string, string | undefined]>;
}

function compileRoute(name: string, binding: RestXmlBinding): Route {
  const [path, query = ''] = binding.uri.split('?', 2) as [string, string?];
  const required = query
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const [k, v] = part.split('=', 2) as [string, string?];
      return [k, v] as [string, string | undefined];
    });
  return { name, binding, required, ...compileUri(path) };
}

/** The routes of a REST-XML table: the ones with more selectors first, then in table order. */
export class RestXmlRouter {
  private readonly routes: Route[];

  constructor(table: OperationTable<unknown>) {
    const routes = Object.entries(table)
      .filter(([, operation]) => operation.http)
      .map(([name, operation]) => compileRoute(name, operation.http as RestXmlBinding));
    const weight = (r: Route) => r.required.length + (r.binding.whenHeader ? 1 : 0);
    this.routes = routes.map((r, i) => ({ r, i })).sort((a, b) => weight(b.r) - weight(a.r) || a.i - b.i).map(({ r }) => r);
  }

  match(req: IncomingMessage, path: string, query: URLSearchParams): { route: Route; labels: string[] } | undefined {
    for (const route of this.routes) {
      if (route.binding.method !== req.method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (!route.required.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
      if (route.binding.whenHeader && req.headers[route.binding.whenHeader] === undefined) continue;
      return { route, labels: m.slice(1) };
    }
    return undefined;
  }
}

/** The operation's input from the matched route: labels, query, headers, header prefixes and payload. */
function bindInput(route: Route, labels: string[], req: IncomingMessage, query: URLSearchParams, body: Buffer, members: Members): Record<string, unknown> {
  const { binding } = route;
  const input: Record<string, unknown> = {};
  route.labels.forEach((label, i) => (input[label] = decodeURIComponent(labels[i]!)));
  for (const [member, where] of Object.entries(binding.query ?? {})) {
    const name = typeof where === 'string' ? where : where.name;
    const value = query.get(name);
    if (value === null) continue;
    const shape = members[member];
    input[member] = shape?.type === 'integer' || shape?.type === 'long' ? (Number.isNaN(Number(value)) ? value : Number(value)) : shape?.type === 'boolean' ? value === 'true' : value;
  }
  for (const [member, header] of Object.entries(binding.headers ?? {})) {
    const value = req.headers[header.toLowerCase()];
    if (typeof value === 'string') input[member] = value;
  }
  for (const [member, prefix] of Object.entries(binding.headerPrefixes ?? {})) {
    const collected: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith(prefix) && typeof value === 'string') collected[name.slice(prefix.length)] = value;
    }
    input[member] = collected;
  }
  if (binding.allHeaders) input[binding.allHeaders] = req.headers;
  if (binding.payload) input[binding.payload] = binding.xmlPayload ? parseXmlBody(body) : body;
  return input;
}

/** The body as sent: `aws-chunked` bodies (streamed uploads with trailing checksums) are unwrapped. */
export function decodeBody(req: IncomingMessage, body: Buffer): Buffer {
  const encoding = String(req.headers['content-encoding'] ?? '');
  const sha = String(req.headers['x-amz-content-sha256'] ?? '');
  if (!encoding.includes('aws-chunked') && !sha.startsWith('STREAMING-')) return body;
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Writes a handler's reply: a HEAD answer never has a body. */
function sendReply(res: ServerResponse, reply: RestXmlReply, requestId: string, head: boolean): void {
  const body = reply.xml ? xmlDocument(reply.xml.root, reply.xml.value) : reply.body;
  const headers: Record<string, string | number> = { 'x-amz-request-id': requestId };
  for (const [k, v] of Object.entries(reply.headers ?? {})) if (v !== undefined) headers[k] = v;
  if (reply.xml) headers['content-type'] = 'application/xml';
  if (headers['content-length'] === undefined) headers['content-length'] = body === undefined ? 0 : Buffer.byteLength(body);
  res.writeHead(reply.status ?? 200, headers);
  res.end(head ? undefined : body);
}

/**
 * The REST-XML protocol's one error writer: `<Error><Code/><Message/>...<RequestId/></Error>`, with
 * the error's extra members (S3's `BucketName`, `Key`) as elements; a HEAD answer has no body, so
 * the SDK names the error from the status alone (`NotFound`), as with S3.
 */
export function sendRestXmlError(res: ServerResponse, err: AwsError, requestId: string, head = false): void {
  const text = xmlDocument('Error', { Code: err.code, Message: err.message, ...err.extra, RequestId: requestId }, undefined);
  res.writeHead(err.statusCode, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'content-length': head ? 0 : Buffer.byteLength(text),
  });
  res.end(head ? undefined : text);
}

/**
 * A REST-XML service from its table. `path` and `query` are the request's after the service has
 * normalised its addressing (S3's virtual-hosted buckets become path style); unmatched requests
 * get the service's answer for them (`notFound`).
 */
export function restXmlService<C>(
  table: OperationTable<C>,
  context: C,
  dialect: Parameters<typeof compileTable>[2],
  notFound: (req: IncomingMessage, path: string) => AwsError,
  bodyLimit: (operation: string) => BodyLimit | number = () => MAX_BODY_BYTES,
) {
  const router = new RestXmlRouter(table as OperationTable<unknown>);
  const operations = compileTable(table, context, dialect);
  return async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, ctx: RequestContext): Promise<void> => {
    const head = req.method === 'HEAD';
    try {
      const matched = router.match(req, path, query);
      if (!matched) throw notFound(req, path);
      const body = decodeBody(req, await readBody(req, bodyLimit(matched.route.name)));
      const input = bindInput(matched.route, matched.labels, req, query, body, table[matched.route.name]!.input);
      const reply = (await operations[matched.route.name]!(input, ctx)) as RestXmlReply;
      sendReply(res, reply ?? {}, ctx.requestId, head);
    } catch (err) {
      sendRestXmlError(res, toAwsError(err), ctx.requestId, head);
    }
  };
}
