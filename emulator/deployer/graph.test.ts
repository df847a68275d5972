import { describe, expect, it } from 'vitest';
import { creationOrder, dependencyGraph } from './graph';
import type { TemplateResource } from './template';

const known = new Set(['AWS::Region', 'AWS::AccountId', 'Stage']);

describe('dependency order', () => {
  it('orders resources after what they name through Ref, GetAtt, Sub (both forms) and DependsOn', () => {
    const resources: Record<string, TemplateResource> = {
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: 'Deployment' } } },
      Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } }, DependsOn: ['Method'] },
      Method: { Type: 'AWS::ApiGateway::Method', Properties: { ResourceId: { 'Fn::GetAtt': 'Api.RootResourceId' }, Uri: { 'Fn::Sub': 'arn:${AWS::Region}:${Fn.Arn}' } } },
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'x' } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::Sub': ['${R}', { R: { 'Fn::GetAtt': ['Role', 'Arn'] } }] } } },
      Role: { Type: 'AWS::IAM::Role', Properties: { Path: { 'Fn::Sub': '/${!NotARef}/' } } },
    };
    const graph = dependencyGraph(resources, known);
    expect([...graph.get('Fn')!]).toEqual(['Role']);
    expect([...graph.get('Role')!]).toEqual([]);
    const order = creationOrder(graph);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b} in ${order}`).toBeLessThan(order.indexOf(b));
    before('Api', 'Method');
    before('Fn', 'Method');
    before('Role', 'Fn');
    before('Method', 'Deployment');
    before('Deployment', 'Stage');
    expect(order).toHaveLength(6);
  });

  it('keeps template order among independent resources', () => {
    const graph = dependencyGraph({ B: { Type: 'T' }, A: { Type: 'T' }, C: { Type: 'T', DependsOn: 'A' } }, known);
    expect(creationOrder(graph)).toEqual(['B', 'A', 'C']);
  });

  it('counts references in both branches of Fn::If', () => {
    const graph = dependencyGraph({ A: { Type: 'T' }, B: { Type: 'T' }, C: { Type: 'T', Properties: { X: { 'Fn::If': ['Cond', { Ref: 'A' }, { Ref: 'B' }] } } } }, known);
    expect([...graph.get('C')!].sort()).toEqual(['A', 'B']);
  });

  it('refuses a cycle, naming its resources', () => {
    const resources: Record<string, TemplateResource> = {
      A: { Type: 'T', Properties: { X: { Ref: 'B' } } },
      B: { Type: 'T', Properties: { X: { 'Fn::GetAtt': ['C', 'Arn'] } } },
      C: { Type: 'T', DependsOn: 'A' },
      D: { Type: 'T' },
    };
    expect(() => dependencyGraph(resources, known)).toThrow('Circular dependency between resources: [A, B, C]');
  });

  it('refuses a resource that names itself', () => {
    expect(() => dependencyGraph({ A: { Type: 'T', Properties: { X: { Ref: 'A' } } } }, known)).toThrow('Circular dependency between resources: [A]');
  });

  it('refuses a reference to nothing, as CloudFormation words it', () => {
    expect(() => dependencyGraph({ A: { Type: 'T', Properties: { X: { Ref: 'Ghost' } } } }, known)).toThrow(
      'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template',
    );
    expect(() => dependencyGraph({ A: { Type: 'T', DependsOn: ['Ghost'] } }, known)).toThrow(/Unresolved resource dependencies \[Ghost\]/);
  });

  it('lets references to resources excluded by their condition through to the resolver', () => {
    const graph = dependencyGraph({ A: { Type: 'T', Properties: { X: { 'Fn::If': ['C', { Ref: 'Off' }, 'x'] } } } }, known, new Set(['Off']));
    expect([...graph.get('A')!]).toEqual([]);
  });
});
