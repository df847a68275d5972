import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../core/request-context';
import type { AwsError } from '../core/aws-error';
import { readBody, sendJson } from '../protocol/http';
import { sendJsonError } from '../protocol/json';
import { Chaos } from './chaos';
import { randomSource, seedFromEnv } from './random';
import { apiCallOf } from './request-operation';
import { editRules, parseServiceRules, parseTestbedRules, RuleInputError } from './rules';

export { Chaos } from './chaos';
export { applyFaultsInProcess } from './in-process';

declare module '../core/hub' {
  interface Hub {
    /** Fault injection: LocalStack's Chaos API rules and the testbed's own faults. */
    chaos: Chaos;
  }
}

/** Control requests are small; a larger body is refused before it is read whole. */
const MAX_RULES_BODY = 256 * 1024;

/** Services whose errors are XML on the wire. */
const XML_SERVICES = new Set(['s3', 'sts', 'iam', 'cloudformation']);

export function createChaos(seed = seedFromEnv()): Chaos {
  return new Chaos(randomSource(seed));
}

/**
 * The server's front door for faults: answers the Chaos API's own routes and, for every AWS API
 * request, adds the configured latency and answers the fault a rule chooses, before any service
 * sees the request. Returns true when the request has been answered (or dropped).
 */
export async function chaosFrontDoor(chaos: Chaos, req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/_localstack/chaos/faults') return rulesRoute(req, res, () => chaos.serviceRules, (r) => (chaos.serviceRules = r), parseServiceRules);
  if (path === '/_testbed/chaos/faults') return rulesRoute(req, res, () => chaos.testbedRules, (r) => (chaos.testbedRules = r), parseTestbedRules);
  if (path === '/_localstack/chaos/effects') return effectsRoute(chaos, req, res);
  if (path === '/_testbed/chaos/injected' && req.method === 'GET') {
    sendJson(res, 200, Object.fromEntries(chaos.injected));
    return true;
  }
  if (chaos.latencyMs === 0 && chaos.serviceRules.length === 0 && chaos.testbedRules.length === 0) return false;
  const call = apiCallOf(req, url);
  if (!call) return false;
  if (chaos.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, chaos.latencyMs));
  if (chaos.dropsConnection(call.service, ctx.region, call.operation)) {
    req.socket.destroy();
    return true;
  }
  const fault = chaos.serviceFault(call.service, ctx.region, call.operation);
  if (!fault) return false;
  sendFault(req, res, call.service, fault, ctx.requestId);
  return true;
}

/** The fault in the wire form of the service's protocol, so the SDK throws its named exception. */
function sendFault(req: IncomingMessage, res: ServerResponse, service: string, fault: AwsError, requestId: string): void {
  const contentType = req.headers['content-type'] ?? '';
  if (XML_SERVICES.has(service) || contentType.startsWith('application/x-www-form-urlencoded')) {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const error = `<Code>${escape(fault.code)}</Code><Message>${escape(fault.message)}</Message>`;
    const body =
      service === 's3'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${error}<RequestId>${requestId}</RequestId></Error>`
        : `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>${fault.statusCode >= 500 ? 'Receiver' : 'Sender'}</Type>${error}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    res.writeHead(fault.statusCode, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
    res.end(body);
    return;
  }
  const json = contentType.startsWith('application/x-amz-json-1.0') ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  sendJsonError(res, fault, requestId, contentType.startsWith('application/x-amz-json') ? json : 'application/json');
}

async function rulesRoute<R>(req: IncomingMessage, res: ServerResponse, get: () => R[], set: (rules: R[]) => void, parse: (body: unknown) => R[]): Promise<boolean> {
  if (req.method === 'GET') {
    sendJson(res, 200, get());
    return true;
  }
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) {
    sendJson(res, 405, { error: `${req.method} is not allowed; use GET, POST, PATCH or DELETE` });
    return true;
  }
  try {
    const given = parse(await readJson(req));
    set(editRules(get(), req.method!, given));
    sendJson(res, 200, get());
  } catch (err) {
    sendJson(res, err instanceof RuleInputError ? 400 : 413, { error: (err as Error).message });
  }
  return true;
}

async function effectsRoute(chaos: Chaos, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method === 'GET') {
    sendJson(res, 200, { latency: chaos.latencyMs });
    return true;
  }
  try {
    const body = (await readJson(req)) as { latency?: unknown } | null;
    const latency = body?.latency ?? 0;
    if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0) {
      throw new RuleInputError('the body must be {"latency": <milliseconds, a whole number of 0 or more>}');
    }
    chaos.latencyMs = latency;
    sendJson(res, 200, { latency });
  } catch (err) {
    sendJson(res, err instanceof RuleInputError ? 400 : 413, { error: (err as Error).message });
  }
  return true;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, MAX_RULES_BODY);
  if (raw.length === 0) return [];
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new RuleInputError('the body is not valid JSON');
  }
}
