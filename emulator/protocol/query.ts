import type { ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { toAwsError } from './http';
import { compileTable, type CompiledOperation, type OperationTable } from './operations';
import type { Dialect, Members, Shape } from './validation';

/**
 * AWS Query (CloudFormation, STS, IAM): `POST /` with a form body `Action=<Operation>&Version=
 * <API version>&...`, members flattened into dotted keys (`Parameters.member.1.ParameterKey`,
 * `DeploymentConfig.Mode`, `Attributes.entry.1.key`); the answer is XML,
 * `<OpResponse><OpResult>...</OpResult><ResponseMetadata>...</ResponseMetadata></OpResponse>`,
 * with lists as `<member>` elements, and errors as `<ErrorResponse><Error>...`.
 */

/** How a Query service's front end answers bad input: the code `ValidationError`, as CloudFormation, STS and IAM name it. */
export const QUERY_VALIDATION: Dialect = { exception: 'ValidationError', wrongType: 'violation' };

export interface QueryService {
  /** The API version the `Version` parameter names (`2010-05-15` for CloudFormation). */
  version: string;
  /** The XML namespace of its answers. */
  xmlns: string;
  operations: Record<string, CompiledOperation>;
  members: Record<string, Members>;
}

export function queryService<C>(version: string, xmlns: string, table: OperationTable<C>, context: C, dialect: Dialect = QUERY_VALIDATION): QueryService {
  const members = Object.fromEntries(Object.entries(table).map(([name, operation]) => [name, operation.input]));
  return { version, xmlns, operations: compileTable(table, context, dialect), members };
}

type Tree = { [key: string]: Tree | string };

/** The dotted form keys as a tree: `A.member.1.B=x` becomes `{A: {member: {1: {B: 'x'}}}}`. */
function formTree(form: URLSearchParams): Tree {
  const root: Tree = {};
  for (const [key, value] of form) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]!];
      if (typeof next !== 'object') node[parts[i]!] = {};
      node = node[parts[i]!] as Tree;
    }
    const last = parts[parts.length - 1]!;
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return root;
}

const byIndex = (t: Tree) =>
  Object.keys(t)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => t[k]!);

/** One member of the tree as its shape wants it: lists from `member.N`, maps from `entry.N.key/value`, numbers and booleans from text. */
function shaped(value: Tree | string, shape: Shape | undefined): unknown {
  if (!shape) return value;
  switch (shape.type) {
    case 'list': {
      // An empty list travels as `Name=` (the SDK sends empty lists that way).
      if (typeof value === 'string') return value === '' ? [] : [shaped(value, shape.member)];
      const items = typeof value.member === 'object' ? byIndex(value.member) : byIndex(value);
      return items.map((item) => shaped(item, shape.member));
    }
    case 'map': {
      if (typeof value === 'string') return value === '' ? {} : value;
      const entries = typeof value.entry === 'object' ? byIndex(value.entry) : byIndex(value);
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        if (typeof entry !== 'object') continue;
        out[String(entry.key ?? entry.Key)] = shaped(entry.value ?? entry.Value ?? '', shape.value);
      }
      return out;
    }
    case 'structure': {
      if (typeof value === 'string') return value;
      return shapedMembers(value, shape.members);
    }
    case 'integer':
    case 'long':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

function shapedMembers(tree: Tree, members: Members): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tree)) {
    if (Object.hasOwn(members, name)) out[name] = shaped(value, members[name]);
  }
  return out;
}

/** The input of `operation` from a form body, shaped by its members (undeclared members are dropped, as AWS ignores them). */
export function parseQueryInput(form: URLSearchParams, members: Members): Record<string, unknown> {
  return shapedMembers(formTree(form), members);
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

/** A result value in the Query protocol's XML form: lists as `<member>` items, dates in ISO 8601. */
function queryXml(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? '' : { member: value.map(queryXml) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = queryXml(v);
    return out;
  }
  return value;
}

function sendXml(res: ServerResponse, status: number, document: object, requestId: string): void {
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build(document);
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId });
  res.end(text);
}

/** Runs `Action` from a parsed form body and writes its XML answer or error. */
export async function handleQueryRequest(service: QueryService, form: URLSearchParams, res: ServerResponse, ctx: RequestContext): Promise<void> {
  const action = form.get('Action') ?? '';
  try {
    const operation = Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
    if (!operation) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
    const input = parseQueryInput(form, service.members[action]!);
    const result = (await operation(input, ctx)) ?? {};
    sendXml(
      res,
      200,
      {
        [`${action}Response`]: {
          '@_xmlns': service.xmlns,
          [`${action}Result`]: queryXml(result),
          ResponseMetadata: { RequestId: ctx.requestId },
        },
      },
      ctx.requestId,
    );
  } catch (err) {
    sendQueryError(res, toAwsError(err), ctx.requestId, service.xmlns);
  }
}

/**
 * The Query protocol's one error writer: `<ErrorResponse><Error><Type>Sender|Receiver</Type>
 * <Code/><Message/></Error><RequestId/></ErrorResponse>`; the SDK v3 maps `Code` to the named
 * exception.
 */
export function sendQueryError(res: ServerResponse, err: AwsError, requestId: string, xmlns?: string): void {
  sendXml(
    res,
    err.statusCode,
    {
      ErrorResponse: {
        ...(xmlns ? { '@_xmlns': xmlns } : {}),
        Error: { Type: err.statusCode >= 500 ? 'Receiver' : 'Sender', Code: err.code, Message: err.message, ...err.extra },
        RequestId: requestId,
      },
    },
    requestId,
  );
}
