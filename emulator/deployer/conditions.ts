import { evaluateCondition, type ResolveContext } from './intrinsics';
import { TemplateError } from './template-error';

/**
 * Evaluates the template's `Conditions` section once, before any resource: conditions see only
 * parameters and pseudo parameters, may name each other (`{"Condition": "Other"}`), and a
 * condition that names itself through others is an error, as in CloudFormation.
 *
 * `context` resolves `Ref`s to parameters and pseudo parameters; its `condition` is ignored.
 */
export function evaluateConditions(conditions: Record<string, unknown> | undefined, context: Omit<ResolveContext, 'condition'>): Map<string, boolean> {
  const definitions = conditions ?? {};
  const values = new Map<string, boolean>();
  const evaluating: string[] = [];

  const condition = (name: string): boolean => {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(definitions, name)) throw new TemplateError(`Unresolved dependencies [${name}]: the template has no condition named ${name}.`);
    if (evaluating.includes(name)) throw new TemplateError(`Circular dependency between conditions: [${[...evaluating.slice(evaluating.indexOf(name)), name].join(', ')}]`);
    evaluating.push(name);
    const ctx: ResolveContext = {
      ...context,
      condition,
      getAtt: (logicalId) => {
        throw new TemplateError(`Condition ${name} uses Fn::GetAtt on ${logicalId}: conditions may use only parameters and pseudo parameters.`);
      },
    };
    const value = evaluateCondition(definitions[name], ctx);
    evaluating.pop();
    values.set(name, value);
    return value;
  };

  for (const name of Object.keys(definitions)) condition(name);
  return values;
}
