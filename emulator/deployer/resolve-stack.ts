import { evaluateConditions } from './conditions';
import type { Deployment } from './deployment';
import { dependencyGraph, creationOrder } from './graph';
import { resolveParameters } from './parameters';
import { providerFor, supportedTypes, type ResourceProvider } from './providers';
import { pseudoParameters } from './pseudo-parameters';
import { checkRules } from './rules';
import type { StackRecord } from './stack-record';
import type { Template } from './template';
import { TemplateError } from './template-error';

/** The bootstrap version answered for CDK's bootstrap-version SSM parameter when the assembly names none. */
const LOCAL_BOOTSTRAP_VERSION = 6;

/** The template resolved as far as it can be before a resource exists. */
export interface ResolvedStack {
  parameters: Map<string, string | string[]>;
  pseudo: Map<string, unknown>;
  /** The value of a named condition; throws TemplateError for an unknown name. */
  condition(name: string): boolean;
  /** The resources whose condition holds, and the logical ids of those whose condition is false. */
  included: Template['Resources'];
  excluded: Set<string>;
  providers: Map<string, ResourceProvider>;
  /** Each included resource's dependencies, and an order that creates dependencies first. */
  graph: Map<string, Set<string>>;
  order: string[];
}

/**
 * Parameters, conditions, rules, providers and the dependency graph: everything that can fail
 * before a resource is touched.
 */
export function resolveStack(d: Deployment): ResolvedStack {
  const { artifact, options, run } = d;
  const { template } = artifact;
  const given = new Map(Object.entries(options.ssmParameters ?? {}));
  // The embedded target needs no bootstrap stack: its version parameter is answered locally.
  const bootstrapParameter = artifact.bootstrapVersionParameter ?? '/cdk-bootstrap/hnb659fds/version';
  if (!given.has(bootstrapParameter)) given.set(bootstrapParameter, String(artifact.requiredBootstrapVersion ?? LOCAL_BOOTSTRAP_VERSION));
  const ssm = options.ssmLookup ? { get: options.ssmLookup } : given;
  const parameters = resolveParameters(template.Parameters, d.given, ssm);
  const pseudo = pseudoParameters(d.env);
  const staticRef = (name: string): unknown => {
    if (parameters.has(name)) return parameters.get(name);
    if (pseudo.has(name)) return pseudo.get(name);
    throw new TemplateError(`Unresolved reference ${name}: it is neither a parameter nor a pseudo parameter.`);
  };
  const noGetAtt = (id: string): never => {
    throw new TemplateError(`Fn::GetAtt ${id} cannot be used in conditions or rules: they see only parameters and pseudo parameters.`);
  };
  const conditions = evaluateConditions(template.Conditions, { region: run.region, mappings: template.Mappings, ref: staticRef, getAtt: noGetAtt });
  const condition = (name: string): boolean => {
    const value = conditions.get(name);
    if (value === undefined) throw new TemplateError(`Unresolved condition ${name}: the template has no condition of that name.`);
    return value;
  };
  checkRules(template.Rules, { region: run.region, mappings: template.Mappings, ref: staticRef, getAtt: noGetAtt, condition });

  const included: Template['Resources'] = {};
  const excluded = new Set<string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition === undefined || condition(resource.Condition)) included[id] = resource;
    else excluded.add(id);
  }
  const providers = checkResources(included, d.previous, options.unknownTypes ?? 'refuse');
  const graph = dependencyGraph(included, new Set([...parameters.keys(), ...pseudo.keys(), 'AWS::NoValue']), excluded);
  return { parameters, pseudo, condition, included, excluded, providers, graph, order: creationOrder(graph) };
}

/** A provider for a type the emulator cannot create: the resource fails when its turn comes. */
function unsupportedType(type: string): ResourceProvider {
  const fail = async (): Promise<never> => {
    throw new Error(`Resource type ${type} is not supported by the emulator. It deploys ${supportedTypes().join(', ')}`);
  };
  return { properties: 'any', create: fail, update: fail, delete: async () => {} };
}

/** Every resource's provider, or an error naming the first type the deployer does not know. */
function checkResources(resources: Template['Resources'], previous: StackRecord | undefined, unknownTypes: 'refuse' | 'fail'): Map<string, ResourceProvider> {
  const providers = new Map<string, ResourceProvider>();
  const typeChanges: string[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const provider = providerFor(resource.Type) ?? (unknownTypes === 'fail' ? unsupportedType(resource.Type) : undefined);
    if (!provider) {
      throw new TemplateError(`Resource ${id} has type ${resource.Type}, which the embedded deployer cannot deploy. It deploys ${supportedTypes().join(', ')}.`);
    }
    if (provider.properties !== 'any') {
      const known = provider.properties;
      const unknown = Object.keys(resource.Properties ?? {}).filter((name) => !Object.hasOwn(known, name));
      if (unknown.length > 0) {
        throw new TemplateError(`Resource ${id} (${resource.Type}) has ${unknown.length === 1 ? 'property' : 'properties'} ${unknown.join(', ')}, which the embedded deployer does not support.`);
      }
    }
    const old = previous?.resources[id];
    if (old && old.type !== resource.Type) typeChanges.push(id);
    providers.set(id, provider);
  }
  if (typeChanges.length > 0) {
    throw new TemplateError(`Update of resource type is not permitted. The new template modifies resource type of the following resources: [${typeChanges.join(', ')}]`);
  }
  return providers;
}
