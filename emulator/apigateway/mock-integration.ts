import type { HttpReply } from '../core/hub';
import { internalServerError, stampIds, unsupportedMediaType } from './gateway-responses';
import { headerValue, type Invocation } from './invocation';
import type { Integration, IntegrationResponse } from './model';

const mediaType = (value: string | undefined) => value?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() || undefined;

/**
 * The request template for the request's Content-Type (JSON when it sends none). Without a match
 * the body passes through (`WHEN_NO_MATCH`, or `WHEN_NO_TEMPLATES` with no templates at all);
 * otherwise API Gateway refuses the request with 415.
 */
function requestTemplate(integration: Integration, inv: Invocation): string | undefined | 'unsupported' {
  const templates = integration.requestTemplates ?? {};
  const type = mediaType(headerValue(inv.headers, 'content-type')) ?? 'application/json';
  const found = Object.entries(templates).find(([k]) => k.toLowerCase() === type);
  if (found) return found[1];
  const none = Object.keys(templates).length === 0;
  if (integration.passthroughBehavior === 'WHEN_NO_MATCH' || (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' && none)) return undefined;
  return 'unsupported';
}

/**
 * The status a MOCK integration answers with: the `statusCode` of its (rendered) request
 * template. API Gateway also accepts the relaxed `{statusCode: 200}` that CDK writes for CORS.
 */
function mockStatus(template: string): number | undefined {
  try {
    const parsed = JSON.parse(template) as { statusCode?: unknown };
    return Number.isInteger(parsed?.statusCode) ? (parsed.statusCode as number) : undefined;
  } catch {
    const m = /^\s*\{[^]*?["']?statusCode["']?\s*:\s*(\d+)\s*[,}]/.exec(template);
    return m ? Number(m[1]) : undefined;
  }
}

/** The integration response whose selectionPattern matches the whole status, else the default one. */
function selectResponse(responses: Record<string, IntegrationResponse>, status: string): IntegrationResponse | undefined {
  const all = Object.values(responses);
  const byPattern = all.find((r) => {
    if (!r.selectionPattern) return false;
    try {
      return new RegExp(`^(?:${r.selectionPattern})$`).test(status);
    } catch {
      return false;
    }
  });
  return byPattern ?? all.find((r) => !r.selectionPattern);
}

/** The response template for the client's Accept type, else JSON's, else the first one. */
function responseTemplate(response: IntegrationResponse, inv: Invocation): string | undefined {
  const templates = Object.entries(response.responseTemplates ?? {});
  if (templates.length === 0) return undefined;
  const accept = mediaType(headerValue(inv.headers, 'accept'));
  return (
    templates.find(([k]) => k.toLowerCase() === accept)?.[1] ?? templates.find(([k]) => k.toLowerCase() === 'application/json')?.[1] ?? templates[0]![1]
  );
}

/**
 * Runs a MOCK integration. Templates are used as static text: Velocity (`$input`, `$context`, ...)
 * is not evaluated. Response header mappings apply when their value is a literal (`'*'`).
 */
export function runMockIntegration(integration: Integration, inv: Invocation): HttpReply {
  const template = requestTemplate(integration, inv);
  if (template === 'unsupported') return unsupportedMediaType(inv.ids);
  const status = mockStatus(template ?? inv.body.toString('utf8'));
  if (status === undefined) return internalServerError(inv.ids, 500);
  const response = selectResponse(integration.integrationResponses ?? {}, String(status));
  if (!response) return internalServerError(inv.ids, 500);
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
  for (const [target, source] of Object.entries(response.responseParameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const literal = /^'(.*)'$/s.exec(source)?.[1];
    if (name === undefined || literal === undefined) continue;
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    headers[name] = literal;
  }
  return {
    statusCode: Number(response.statusCode),
    headers: stampIds(headers, inv.ids),
    body: Buffer.from(responseTemplate(response, inv) ?? '', 'utf8'),
  };
}
