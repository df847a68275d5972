import { describe, expect, it } from 'vitest';
import { parseInvokeUrl } from './invoke-urls';

describe('parseInvokeUrl', () => {
  it('reads the current path form', () => {
    expect(parseInvokeUrl('/_aws/execute-api/abc123defg/dev/orders/1?x=1', '127.0.0.1:4566')).toEqual({
      apiId: 'abc123defg',
      stage: 'dev',
      rawPath: '/orders/1',
      query: 'x=1',
    });
    expect(parseInvokeUrl('/_aws/execute-api/abc123defg/dev', undefined)).toEqual({ apiId: 'abc123defg', stage: 'dev', rawPath: '', query: '' });
    expect(parseInvokeUrl('/_aws/execute-api/abc123defg/', undefined)).toMatchObject({ apiId: 'abc123defg', stage: undefined });
  });

  it('reads the _user_request_ form and leaves the control plane alone', () => {
    expect(parseInvokeUrl('/restapis/abc123defg/dev/_user_request_/orders', undefined)).toEqual({
      apiId: 'abc123defg',
      stage: 'dev',
      rawPath: '/orders',
      query: '',
    });
    expect(parseInvokeUrl('/restapis/abc123defg/dev/_user_request_', undefined)).toMatchObject({ rawPath: '' });
    expect(parseInvokeUrl('/restapis/abc123defg/resources', undefined)).toBeUndefined();
    expect(parseInvokeUrl('/restapis/abc123defg/stages/dev', undefined)).toBeUndefined();
  });

  it('reads the host form, with or without a port, lower-casing the id', () => {
    expect(parseInvokeUrl('/dev/orders?a=b', 'ABC123defg.execute-api.localhost.localstack.cloud:4566')).toEqual({
      apiId: 'abc123defg',
      stage: 'dev',
      rawPath: '/orders',
      query: 'a=b',
    });
    expect(parseInvokeUrl('/dev', 'abc123defg.execute-api.localhost.localstack.cloud')).toMatchObject({ stage: 'dev', rawPath: '' });
    expect(parseInvokeUrl('/dev//double', 'abc123defg.execute-api.us-east-1.amazonaws.com')).toMatchObject({ rawPath: '//double' });
  });

  it('is not fooled by ordinary requests', () => {
    expect(parseInvokeUrl('/', '127.0.0.1:4566')).toBeUndefined();
    expect(parseInvokeUrl('/2015-03-31/functions', 'localhost:4566')).toBeUndefined();
  });
});
