import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, pageAfter } from './paging';

const names = ['a', 'b', 'c', 'd', 'e'];
const id = (s: string) => s;

describe('pageAfter', () => {
  it('pages in order and names the last item while more remain', () => {
    expect(pageAfter(names, id, undefined, 2)).toEqual({ page: ['a', 'b'], last: 'b' });
    expect(pageAfter(names, id, 'b', 2)).toEqual({ page: ['c', 'd'], last: 'd' });
    expect(pageAfter(names, id, 'd', 2)).toEqual({ page: ['e'] });
  });

  it('continues after a key whose item has gone (after), or refuses it (exact)', () => {
    const without = names.filter((n) => n !== 'b');
    expect(pageAfter(without, id, 'b', 2)).toEqual({ page: ['c', 'd'], last: 'd' });
    expect(pageAfter(without, id, 'b', 2, 'exact')).toBeUndefined();
    expect(pageAfter(names, id, 'b', 2, 'exact')).toEqual({ page: ['c', 'd'], last: 'd' });
  });
});

describe('tokens', () => {
  const isAfter = (v: any): v is { after: string } => typeof v?.after === 'string';
  it('round-trips and rejects what does not decode or check', () => {
    expect(decodeToken(encodeToken({ after: 'x' }), isAfter)).toEqual({ after: 'x' });
    expect(decodeToken('not a token', isAfter)).toBeUndefined();
    expect(decodeToken(encodeToken({ other: 1 }), isAfter)).toBeUndefined();
  });
});
