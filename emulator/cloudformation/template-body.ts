import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { AwsError } from '../core/aws-error';
import type { Template } from '../deployer';

/**
 * A template body as CloudFormation reads it: JSON, or YAML with the short-form intrinsic tags
 * (`!Ref`, `!Sub`, `!GetAtt A.B`, `!If [...]`, ...) turned into their long forms.
 */

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'Length', 'ToJsonString'];

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]: value };
}

const TAGS: Array<ScalarTag | CollectionTag> = ['Ref', 'Condition', ...FUNCTIONS].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => longForm(name, value) } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (seq: { toJSON(): unknown }) => longForm(name, seq.toJSON()) } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (map: { toJSON(): unknown }) => longForm(name, map.toJSON()) } as unknown as CollectionTag,
]);

const formatError = (message: string) => new AwsError('ValidationError', `Template format error: ${message}`);

/** The template, or CloudFormation's `Template format error` naming what is wrong. */
export function parseTemplateBody(body: string): Template {
  const text = body.trim();
  let template: unknown;
  if (text.startsWith('{')) {
    try {
      template = JSON.parse(text);
    } catch {
      throw formatError('JSON not well-formed.');
    }
  } else {
    try {
      template = parse(text, { customTags: TAGS, prettyErrors: false, strict: false, uniqueKeys: false });
    } catch (err) {
      const position = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
      throw formatError(`YAML not well-formed.${position ? ` (line ${position.line}, column ${position.col})` : ''}`);
    }
  }
  if (template === null || typeof template !== 'object' || Array.isArray(template)) throw formatError('unsupported structure.');
  const t = template as Template;
  if (t.Resources === undefined || t.Resources === null) throw formatError('At least one Resources member must be defined.');
  if (typeof t.Resources !== 'object' || Object.keys(t.Resources).length === 0) throw formatError('At least one Resources member must be defined.');
  const badTypes = Object.values(t.Resources)
    .map((r) => (r as { Type?: unknown })?.Type)
    .filter((type) => typeof type !== 'string' || !/^(AWS|Alexa|Custom)::[A-Za-z0-9]+(::[A-Za-z0-9]+)*$/.test(type));
  if (badTypes.length > 0) throw formatError(`Unrecognized resource types: [${badTypes.map(String).join(', ')}]`);
  return t;
}
