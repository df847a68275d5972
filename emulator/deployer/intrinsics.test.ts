import { describe, expect, it } from 'vitest';
import { NO_VALUE, resolve, type ResolveContext } from './intrinsics';
import { TemplateError } from './template-error';

const refs: Record<string, unknown> = {
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  Stage: 'dev',
  Names: ['a', 'b', 'c'],
  Bus: 'Orders',
  Table: 'OrderDetails',
};
const attributes: Record<string, Record<string, unknown>> = {
  Bus: { Arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/Orders' },
  Api: { RootResourceId: 'root123', 'Endpoint.Address': 'db.example' },
};
const conditions: Record<string, boolean> = { IsProd: false, IsEu: true };

const ctx: ResolveContext = {
  region: 'eu-west-1',
  ref: (name) => {
    if (!(name in refs)) throw new TemplateError(`Unresolved reference ${name}.`);
    return refs[name];
  },
  getAtt: (id, attr) => {
    const value = attributes[id]?.[attr];
    if (value === undefined) throw new TemplateError(`no ${id}.${attr}`);
    return value;
  },
  condition: (name) => {
    if (!(name in conditions)) throw new TemplateError(`no condition ${name}`);
    return conditions[name]!;
  },
  mappings: { Regions: { 'eu-west-1': { Ami: 'ami-eu', Zones: ['x', 'y'] } } },
};

const r = (value: unknown) => resolve(value, ctx);

describe('Ref and Fn::GetAtt', () => {
  it('resolves a Ref to a parameter, a pseudo parameter and a resource', () => {
    expect(r({ Ref: 'Stage' })).toBe('dev');
    expect(r({ Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(r({ Ref: 'Bus' })).toBe('Orders');
  });

  it('removes a property or list element that is AWS::NoValue', () => {
    expect(r({ A: 1, B: { Ref: 'AWS::NoValue' } })).toEqual({ A: 1 });
    expect(r(['x', { Ref: 'AWS::NoValue' }, 'y'])).toEqual(['x', 'y']);
    expect(r({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('resolves both forms of Fn::GetAtt, including a Ref as the attribute name and dotted attributes', () => {
    expect(r({ 'Fn::GetAtt': ['Bus', 'Arn'] })).toBe('arn:aws:events:eu-west-1:123456789012:event-bus/Orders');
    expect(r({ 'Fn::GetAtt': 'Api.RootResourceId' })).toBe('root123');
    expect(r({ 'Fn::GetAtt': 'Api.Endpoint.Address' })).toBe('db.example');
    refs.AttrName = 'RootResourceId';
    expect(r({ 'Fn::GetAtt': ['Api', { Ref: 'AttrName' }] })).toBe('root123');
  });

  it('fails on an unknown reference, naming it', () => {
    expect(() => r({ Ref: 'Nope' })).toThrow(/Nope/);
  });
});

describe('Fn::Join, Fn::Select, Fn::Split', () => {
  it('joins resolved values, nested functions included', () => {
    expect(r({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }]] })).toBe('arn:aws:sqs:eu-west-1');
    expect(r({ 'Fn::Join': [',', { Ref: 'Names' }] })).toBe('a,b,c');
  });

  it('selects by index, also from a split and with a string index', () => {
    expect(r({ 'Fn::Select': [1, { Ref: 'Names' }] })).toBe('b');
    expect(r({ 'Fn::Select': ['2', { 'Fn::Split': ['|', 'x|y|z'] }] })).toBe('z');
    expect(r({ 'Fn::Select': [0, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Bus', 'Arn'] }] }] })).toBe('arn');
  });

  it('refuses an index outside the list', () => {
    expect(() => r({ 'Fn::Select': [3, ['a']] })).toThrow('Fn::Select cannot select nonexistent value at index 3');
  });

  it('splits into a list', () => {
    expect(r({ 'Fn::Split': [',', 'a,b,,c'] })).toEqual(['a', 'b', '', 'c']);
  });
});

describe('Fn::Sub', () => {
  it('substitutes pseudo parameters, parameters, resources and resource attributes', () => {
    expect(r({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Bus}' })).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:Orders');
    expect(r({ 'Fn::Sub': '${Bus.Arn}/rule' })).toBe('arn:aws:events:eu-west-1:123456789012:event-bus/Orders/rule');
  });

  it('writes ${!Literal} through unchanged', () => {
    expect(r({ 'Fn::Sub': '${!Literal}-${Stage}-${!AWS::Region}' })).toBe('${Literal}-dev-${AWS::Region}');
  });

  it('uses the variable map first, with nested intrinsics as values', () => {
    expect(
      r({
        'Fn::Sub': ['${Host}/${Stage}/${Table}', { Host: { 'Fn::Join': ['.', ['api', { Ref: 'AWS::URLSuffix' }]] }, Table: { 'Fn::Select': [0, { Ref: 'Names' }] } }],
      }),
    ).toBe('api.amazonaws.com/dev/a');
  });

  it('fails on an unknown variable, naming it', () => {
    expect(() => r({ 'Fn::Sub': 'x-${Missing}' })).toThrow(/Missing/);
  });
});

describe('conditions and Fn::If', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Fn::Contains', () => {
    expect(r({ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] })).toBe(true);
    expect(r({ 'Fn::Equals': ['1', 1] })).toBe(true);
    expect(r({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }] })).toBe(false);
    expect(r({ 'Fn::And': [{ Condition: 'IsEu' }, { 'Fn::Equals': ['a', 'a'] }] })).toBe(true);
    expect(r({ 'Fn::And': [{ Condition: 'IsEu' }, { Condition: 'IsProd' }] })).toBe(false);
    expect(r({ 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'IsProd' }] }] })).toBe(true);
    expect(r({ 'Fn::Contains': [['1', '2', '3'], '2'] })).toBe(true);
    expect(r({ 'Fn::Contains': [{ Ref: 'Names' }, 'z'] })).toBe(false);
  });

  it('takes the branch of the condition and resolves only that branch', () => {
    expect(r({ 'Fn::If': ['IsEu', { Ref: 'Stage' }, { Ref: 'NeverResolved' }] })).toBe('dev');
    expect(r({ 'Fn::If': ['IsProd', { Ref: 'NeverResolved' }, 'fallback'] })).toBe('fallback');
    expect(r({ Prop: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] }, Keep: 1 })).toEqual({ Keep: 1 });
  });

  it('refuses Fn::And with fewer than two conditions', () => {
    expect(() => r({ 'Fn::And': [{ Condition: 'IsEu' }] })).toThrow(/2 to 10/);
  });
});

describe('Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ImportValue', () => {
  it('finds a value in a mapping, keys resolved', () => {
    expect(r({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Ami'] })).toBe('ami-eu');
    expect(r({ 'Fn::Select': [1, { 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Zones'] }] })).toBe('y');
    expect(() => r({ 'Fn::FindInMap': ['Regions', 'us-east-1', 'Ami'] })).toThrow(/no key us-east-1.Ami/);
  });

  it('encodes Base64 of a resolved string', () => {
    expect(r({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/sh\necho ${Stage}' } })).toBe(Buffer.from('#!/bin/sh\necho dev').toString('base64'));
  });

  it('lists availability zones of the given region, or of the stack region for an empty string', () => {
    expect(r({ 'Fn::GetAZs': '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(r({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] })).toBe('eu-west-1a');
  });

  it('refuses Fn::ImportValue with a sentence saying why and what to do', () => {
    expect(() => r({ 'Fn::ImportValue': 'SharedBusArn' })).toThrow(/Fn::ImportValue "SharedBusArn" needs another stack's exports/);
  });

  it('refuses an intrinsic it does not know, naming it', () => {
    expect(() => r({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toThrow('Fn::Cidr is not an intrinsic function the embedded deployer supports.');
  });

  it('leaves plain objects that only look like templates alone', () => {
    const pattern = { source: [{ prefix: 'com.aws.order' }], detail: { location: [{ prefix: 'us-' }] } };
    expect(r(pattern)).toEqual(pattern);
  });
});
