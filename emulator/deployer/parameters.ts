import type { TemplateParameter } from './template';
import { TemplateError } from './template-error';

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;
const isListType = (type: string) => type === 'CommaDelimitedList' || type.startsWith('List<');

/**
 * Resolves the template's parameters as CloudFormation does at stack creation: given values win
 * over defaults, every parameter must end with a value, values are checked against the
 * parameter's constraints, and `AWS::SSM::Parameter::Value<...>` parameters are looked up by the
 * parameter name they hold (here in `ssm`, the deployer's local stand-in for Parameter Store).
 *
 * The result maps each name to what `Ref` returns: a string, or a list of strings for list types.
 */
export function resolveParameters(
  definitions: Record<string, TemplateParameter> | undefined,
  given: Record<string, string>,
  ssm: { get(name: string): string | undefined },
): Map<string, string | string[]> {
  const params = definitions ?? {};
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(params, name));
  if (unknown.length > 0) throw new TemplateError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing = Object.entries(params)
    .filter(([name, p]) => given[name] === undefined && p.Default === undefined)
    .map(([name]) => name);
  if (missing.length > 0) throw new TemplateError(`Parameters: [${missing.join(', ')}] must have values`);

  const values = new Map<string, string | string[]>();
  for (const [name, definition] of Object.entries(params)) {
    const raw = given[name] ?? String(definition.Default);
    checkConstraints(name, definition, raw);
    const ssmType = SSM_TYPE.exec(definition.Type);
    if (ssmType) {
      const stored = ssm.get(raw);
      if (stored === undefined) {
        throw new TemplateError(`Parameter ${name} reads the SSM parameter ${raw}, which the embedded deployer does not have; pass its value with the deployer's ssmParameters option.`);
      }
      values.set(name, isListType(ssmType[1]!) ? splitList(stored) : stored);
    } else {
      values.set(name, isListType(definition.Type) ? splitList(raw) : raw);
    }
  }
  return values;
}

function splitList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim());
}

function checkConstraints(name: string, p: TemplateParameter, raw: string): void {
  const fail = (what: string) => {
    throw new TemplateError(p.ConstraintDescription ? `Parameter '${name}' failed to satisfy constraint: ${p.ConstraintDescription}` : `Parameter '${name}' ${what}`);
  };
  const members = isListType(p.Type) ? splitList(raw) : [raw];
  for (const value of members) {
    if (p.AllowedValues && !p.AllowedValues.map(String).includes(value)) fail('must be one of AllowedValues');
    if (p.AllowedPattern !== undefined && !new RegExp(`^(?:${p.AllowedPattern})$`).test(value)) fail(`must match pattern ${p.AllowedPattern}`);
    if (p.MinLength !== undefined && value.length < Number(p.MinLength)) fail(`must contain at least ${p.MinLength} characters`);
    if (p.MaxLength !== undefined && value.length > Number(p.MaxLength)) fail(`must contain at most ${p.MaxLength} characters`);
    const numeric = p.Type === 'Number' || p.Type === 'List<Number>';
    if (numeric && (value.trim() === '' || !Number.isFinite(Number(value)))) fail('must be a number');
    if (p.MinValue !== undefined && Number(value) < Number(p.MinValue)) fail(`must be a number not less than ${p.MinValue}`);
    if (p.MaxValue !== undefined && Number(value) > Number(p.MaxValue)) fail(`must be a number not greater than ${p.MaxValue}`);
  }
}
