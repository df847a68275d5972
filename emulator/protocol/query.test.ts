import { describe, expect, it } from 'vitest';
import { parseQueryInput } from './query';
import { boolean, integer, list, map, string, structure } from './validation';

const MEMBERS = {
  StackName: string(),
  Parameters: list(structure({ ParameterKey: string(), ParameterValue: string(), UsePreviousValue: boolean() })),
  Capabilities: list(string()),
  Tags: list(structure({ Key: string(), Value: string() })),
  DeploymentConfig: structure({ Mode: string() }),
  Attributes: map({ value: string() }),
  MaxItems: integer(),
};

describe('AWS Query form bodies', () => {
  it.each([
    ['a string', 'StackName=S', { StackName: 'S' }],
    ['a list of structures in member order', 'Parameters.member.2.ParameterKey=B&Parameters.member.1.ParameterKey=A&Parameters.member.1.UsePreviousValue=true', { Parameters: [{ ParameterKey: 'A', UsePreviousValue: true }, { ParameterKey: 'B' }] }],
    ['a list of strings', 'Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_AUTO_EXPAND', { Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] }],
    ['an empty list, as the SDK sends it', 'Tags=&Parameters=', { Tags: [], Parameters: [] }],
    ['a structure', 'DeploymentConfig.Mode=STANDARD', { DeploymentConfig: { Mode: 'STANDARD' } }],
    ['a map', 'Attributes.entry.1.key=a&Attributes.entry.1.value=1', { Attributes: { a: '1' } }],
    ['a number', 'MaxItems=10', { MaxItems: 10 }],
    ['undeclared members dropped', 'Action=X&Version=1&Unknown=1&StackName=S', { StackName: 'S' }],
  ])('reads %s', (_what, body, expected) => {
    expect(parseQueryInput(new URLSearchParams(body), MEMBERS)).toEqual(expected);
  });
});
