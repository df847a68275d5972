import { describe, expect, it } from 'vitest';
import { internalContext } from '../core/request-context';
import { parseFunctionRef, withQualifier } from './function-name';

const ctx = internalContext('123456789012', 'eu-west-1');

describe('function names', () => {
  it('accepts names, partial and full ARNs, with qualifiers', () => {
    expect(parseFunctionRef('orders', ctx, 'read')).toEqual({ name: 'orders', qualifier: undefined, accountId: '123456789012', region: 'eu-west-1' });
    expect(parseFunctionRef('123456789012:function:orders', ctx, 'read')).toMatchObject({ name: 'orders', accountId: '123456789012' });
    expect(parseFunctionRef('arn:aws:lambda:eu-west-1:210987654321:function:orders:$LATEST', ctx, 'invoke')).toEqual({
      name: 'orders', qualifier: '$LATEST', accountId: '210987654321', region: 'eu-west-1',
    });
    expect(parseFunctionRef('orders:live', ctx, 'read').qualifier).toBe('live');
  });

  it('rejects what AWS rejects, with its messages', () => {
    expect(() => parseFunctionRef('invalid:function:name', ctx, 'create')).toThrow(/^1 validation error detected: Value 'invalid:function:name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    expect(() => parseFunctionRef('with.dot', ctx, 'create')).toThrow(/regular expression pattern/);
    expect(parseFunctionRef('with.dot', ctx, 'read').name).toBe('with.dot');
    expect(() => parseFunctionRef('a'.repeat(65), ctx, 'create')).toThrow("Member must have length less than or equal to 64");
    expect(() => parseFunctionRef('arn:aws:lambda:us-east-1:123456789012:function:x', ctx, 'read')).toThrow("Functions from 'us-east-1' are not reachable in this region ('eu-west-1')");
  });

  it('checks the Qualifier parameter against a qualified name', () => {
    const ref = parseFunctionRef('orders:$LATEST', ctx, 'read');
    expect(withQualifier(ref, '$LATEST').qualifier).toBe('$LATEST');
    expect(() => withQualifier(ref, 'live')).toThrow('The derived qualifier from the function name does not match the specified qualifier.');
    expect(withQualifier(parseFunctionRef('orders', ctx, 'read'), 'live').qualifier).toBe('live');
  });
});
