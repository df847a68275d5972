import { describe, expect, it } from 'vitest';
import { evaluateConditions } from './conditions';
import { TemplateError } from './template-error';

const base = {
  region: 'us-east-1',
  ref: (name: string) => {
    const values: Record<string, unknown> = { 'AWS::Region': 'us-east-1', Env: 'prod' };
    if (!(name in values)) throw new TemplateError(`Unresolved reference ${name}.`);
    return values[name];
  },
  getAtt: () => {
    throw new TemplateError('no');
  },
};

describe('the Conditions section', () => {
  it('evaluates conditions that name parameters, pseudo parameters and each other', () => {
    const values = evaluateConditions(
      {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        InUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        ProdInUs: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'InUsEast1' }] },
        NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      },
      base,
    );
    expect(Object.fromEntries(values)).toEqual({ IsProd: true, InUsEast1: true, ProdInUs: true, NotProd: false });
  });

  it("evaluates CDK's CDKMetadataAvailable shape (nested Fn::Or of Fn::Equals)", () => {
    const values = evaluateConditions(
      { CDKMetadataAvailable: { 'Fn::Or': [{ 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'af-south-1'] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-east-1'] }] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] } },
      base,
    );
    expect(values.get('CDKMetadataAvailable')).toBe(true);
  });

  it('refuses conditions that name each other in a circle', () => {
    expect(() => evaluateConditions({ A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } }, base)).toThrow('Circular dependency between conditions: [A, B, A]');
  });

  it('refuses a reference to a condition that does not exist', () => {
    expect(() => evaluateConditions({ A: { 'Fn::Not': [{ Condition: 'Missing' }] } }, base)).toThrow(/no condition named Missing/);
  });

  it('refuses a resource attribute in a condition', () => {
    expect(() => evaluateConditions({ A: { 'Fn::Equals': [{ 'Fn::GetAtt': ['Bus', 'Arn'] }, 'x'] } }, base)).toThrow(/conditions may use only parameters/);
  });

  it('refuses something that is not a condition', () => {
    expect(() => evaluateConditions({ A: 'maybe' }, base)).toThrow(/is not a condition/);
  });
});
