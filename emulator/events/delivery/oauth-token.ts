import type { Connection, HttpParameter } from '../store';
import { sendHttp } from './http-request';

interface CachedToken {
  header: string;
  /** performance.now() after which the token is fetched again. */
  expiresAt: number;
  version: number;
}

const TOKEN_TIMEOUT_MS = 5000;

/** The token could not be had: the connection is deauthorized until a later attempt succeeds. */
export class OAuthError extends Error {}

/**
 * OAuth client credentials for API destinations: the token is fetched from the connection's
 * authorization endpoint (client id and secret as Basic credentials, the connection's OAuth
 * HTTP parameters as headers, query string and form body), cached until it expires, and
 * fetched again after a 401 or 407, as EventBridge does. The outcome sets the connection's
 * state: AUTHORIZED, or DEAUTHORIZED with the reason.
 */
export class OAuthTokens {
  private readonly cache = new Map<string, CachedToken>();

  invalidate(connection: Connection): void {
    this.cache.delete(connection.arn);
  }

  async authorization(connection: Connection, signal: AbortSignal): Promise<string> {
    const cached = this.cache.get(connection.arn);
    if (cached && cached.version === connection.version && cached.expiresAt > performance.now()) return cached.header;
    const oauth = connection.auth.OAuthParameters!;
    const params = oauth.OAuthHttpParameters ?? {};
    const url = new URL(oauth.AuthorizationEndpoint);
    for (const p of params.QueryStringParameters ?? []) if (p.Key) url.searchParams.append(p.Key, p.Value ?? '');
    const headers: Record<string, string> = {
      Authorization: `Basic ${Buffer.from(`${oauth.ClientParameters.ClientID}:${oauth.ClientParameters.ClientSecret}`).toString('base64')}`,
      ...headerObject(params.HeaderParameters),
    };
    let body: Buffer | undefined;
    const method = oauth.HttpMethod.toUpperCase();
    if (method !== 'GET') {
      const form = new URLSearchParams();
      for (const p of params.BodyParameters ?? []) if (p.Key) form.append(p.Key, p.Value ?? '');
      body = Buffer.from(form.toString());
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(body.length);
    }
    try {
      const res = await sendHttp(url, method, headers, body, TOKEN_TIMEOUT_MS, signal);
      if (res.status < 200 || res.status >= 300) throw new Error(`the authorization endpoint answered ${res.status}`);
      const token = JSON.parse(res.body) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
      if (typeof token.access_token !== 'string') throw new Error('the authorization endpoint answered without an access_token');
      const type = typeof token.token_type === 'string' && token.token_type ? token.token_type : 'Bearer';
      const header = `${type} ${token.access_token}`;
      const lifetime = typeof token.expires_in === 'number' ? token.expires_in * 1000 : Number.POSITIVE_INFINITY;
      this.cache.set(connection.arn, { header, expiresAt: performance.now() + lifetime, version: connection.version });
      connection.state = 'AUTHORIZED';
      connection.stateReason = undefined;
      connection.lastAuthorizedTime = new Date();
      return header;
    } catch (err) {
      if (signal.aborted) throw err;
      connection.state = 'DEAUTHORIZED';
      connection.stateReason = `OAuth token request failed: ${err instanceof Error ? err.message : String(err)}`;
      throw new OAuthError(connection.stateReason);
    }
  }
}

export function headerObject(params: HttpParameter[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params ?? []) if (p.Key) out[p.Key] = p.Value ?? '';
  return out;
}
