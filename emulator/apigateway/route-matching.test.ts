import { describe, expect, it } from 'vitest';
import type { Method, Resource } from './model';
import { matchRoute } from './route-matching';

const m = (httpMethod: string): Method => ({ httpMethod, authorizationType: 'NONE', apiKeyRequired: false });
const res = (id: string, path: string, parentId: string | undefined, methods: string[]): Resource => ({
  id,
  path,
  ...(parentId && { parentId, pathPart: path.split('/').pop()! }),
  resourceMethods: Object.fromEntries(methods.map((v) => [v, m(v)])),
});

// /                GET
// /orders          GET POST
// /orders/{id}     GET
// /orders/special  GET
// /{proxy+}        ANY
const api = [
  res('root', '/', undefined, ['GET']),
  res('orders', '/orders', 'root', ['GET', 'POST']),
  res('byid', '/orders/{id}', 'orders', ['GET']),
  res('special', '/orders/special', 'orders', ['GET']),
  res('proxy', '/{proxy+}', 'root', ['ANY']),
];

describe('matchRoute', () => {
  it('prefers a literal path part over {param} over {proxy+}', () => {
    expect(matchRoute(api, 'GET', '/orders/special')?.resource.id).toBe('special');
    expect(matchRoute(api, 'GET', '/orders/17')).toMatchObject({ resource: { id: 'byid' }, pathParameters: { id: '17' } });
    expect(matchRoute(api, 'GET', '/elsewhere/a/b')).toMatchObject({ resource: { id: 'proxy' }, pathParameters: { proxy: 'elsewhere/a/b' } });
  });

  it('falls back to ANY on a greedy resource when the specific resource lacks the method', () => {
    expect(matchRoute(api, 'DELETE', '/orders/17')).toMatchObject({ resource: { id: 'proxy' }, method: { httpMethod: 'ANY' } });
    expect(matchRoute(api, 'POST', '/orders')?.method.httpMethod).toBe('POST');
  });

  it('matches the root only for / and ignores trailing slashes', () => {
    expect(matchRoute(api, 'GET', '/')?.resource.id).toBe('root');
    expect(matchRoute(api, 'GET', '')?.resource.id).toBe('root');
    expect(matchRoute(api, 'GET', '/orders/')?.resource.id).toBe('orders');
    expect(matchRoute(api, 'POST', '/')).toBeUndefined();
  });

  it('keeps empty segments and encoded characters inside a greedy parameter', () => {
    expect(matchRoute(api, 'GET', '/a//b')?.pathParameters).toEqual({ proxy: 'a//b' });
    expect(matchRoute(api, 'GET', '/user/test%2Balias@x.com')?.pathParameters).toEqual({ proxy: 'user/test%2Balias@x.com' });
  });

  it('finds nothing when no resource has the method or ANY', () => {
    const noProxy = api.filter((r) => r.id !== 'proxy');
    expect(matchRoute(noProxy, 'GET', '/missing')).toBeUndefined();
    expect(matchRoute(noProxy, 'PUT', '/orders')).toBeUndefined();
    expect(matchRoute(noProxy, 'HEAD', '/orders')).toBeUndefined();
  });
});
