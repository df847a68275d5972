import { describe, expect, it } from 'vitest';
import { resolveParameters } from './parameters';
import { checkRules } from './rules';
import type { ResolveContext } from './intrinsics';

const cdkBootstrap = { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } };
const cdkRule = {
  CheckBootstrapVersion: {
    Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] }, AssertDescription: "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI." }],
  },
};

function ruleContext(values: Map<string, unknown>): ResolveContext {
  return {
    region: 'us-east-1',
    ref: (n) => values.get(n),
    getAtt: () => undefined,
    condition: () => true,
  };
}

describe('parameters', () => {
  it('takes given values over defaults and types lists', () => {
    const values = resolveParameters(
      { Env: { Type: 'String', Default: 'dev' }, Size: { Type: 'Number', Default: 3 }, Zones: { Type: 'CommaDelimitedList', Default: 'a, b' } },
      { Env: 'prod' },
      new Map(),
    );
    expect(Object.fromEntries(values)).toEqual({ Env: 'prod', Size: '3', Zones: ['a', 'b'] });
  });

  it('reads SSM parameter types from the local SSM values', () => {
    const values = resolveParameters(cdkBootstrap, {}, new Map([['/cdk-bootstrap/hnb659fds/version', '6']]));
    expect(values.get('BootstrapVersion')).toBe('6');
    expect(() => resolveParameters(cdkBootstrap, {}, new Map())).toThrow(/reads the SSM parameter \/cdk-bootstrap\/hnb659fds\/version/);
  });

  it('refuses missing and unknown parameters as CloudFormation does', () => {
    expect(() => resolveParameters({ Env: { Type: 'String' } }, {}, new Map())).toThrow('Parameters: [Env] must have values');
    expect(() => resolveParameters({}, { Nope: 'x' }, new Map())).toThrow('Parameters: [Nope] do not exist in the template');
  });

  it('checks AllowedValues, AllowedPattern, lengths and numbers', () => {
    expect(() => resolveParameters({ Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, { Env: 'qa' }, new Map())).toThrow("Parameter 'Env' must be one of AllowedValues");
    expect(() => resolveParameters({ Name: { Type: 'String', AllowedPattern: '[a-z]+' } }, { Name: 'Ab' }, new Map())).toThrow("Parameter 'Name' must match pattern [a-z]+");
    expect(() => resolveParameters({ Name: { Type: 'String', MaxLength: 2 } }, { Name: 'abc' }, new Map())).toThrow('must contain at most 2 characters');
    expect(() => resolveParameters({ N: { Type: 'Number', MinValue: 5 } }, { N: '4' }, new Map())).toThrow('must be a number not less than 5');
    expect(() => resolveParameters({ N: { Type: 'Number' } }, { N: 'x' }, new Map())).toThrow("Parameter 'N' must be a number");
    expect(() => resolveParameters({ N: { Type: 'String', AllowedValues: ['a'], ConstraintDescription: 'pick a' } }, { N: 'b' }, new Map())).toThrow(
      "Parameter 'N' failed to satisfy constraint: pick a",
    );
  });
});

describe("rules (CDK's CheckBootstrapVersion)", () => {
  it('passes with the locally answered bootstrap version', () => {
    const values = resolveParameters(cdkBootstrap, {}, new Map([['/cdk-bootstrap/hnb659fds/version', '6']]));
    expect(() => checkRules(cdkRule, ruleContext(values))).not.toThrow();
  });

  it('stops with the assertion description when an assertion fails', () => {
    const values = resolveParameters(cdkBootstrap, {}, new Map([['/cdk-bootstrap/hnb659fds/version', '5']]));
    expect(() => checkRules(cdkRule, ruleContext(values))).toThrow("CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.");
  });

  it('skips a rule whose RuleCondition is false', () => {
    const values = new Map<string, unknown>([['Env', 'dev']]);
    const rules = { ProdOnly: { RuleCondition: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Assertions: [{ Assert: { 'Fn::Equals': ['a', 'b'] } }] } };
    expect(() => checkRules(rules, ruleContext(values))).not.toThrow();
    values.set('Env', 'prod');
    expect(() => checkRules(rules, ruleContext(values))).toThrow('Template validation error: Assertion failed for rule ProdOnly.');
  });
});
