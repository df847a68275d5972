import { AwsError } from '../core/aws-error';
import type { Hub } from '../core/hub';
import type { Template } from '../deployer';
import { parseTemplateBody } from './template-body';

/**
 * Where a template comes from: `TemplateBody`, or `TemplateURL` naming an object in the emulator's
 * S3 (path style on any host, as the CDK CLI writes it, or virtual-hosted on an S3 host name).
 */
export function templateFrom(hub: Hub, input: { TemplateBody?: string; TemplateURL?: string }): { body: string; template: Template } {
  if (input.TemplateBody !== undefined && input.TemplateURL !== undefined) {
    throw new AwsError('ValidationError', 'Specify exactly one of TemplateBody or TemplateUrl.');
  }
  if (input.TemplateBody !== undefined) return { body: input.TemplateBody, template: parseTemplateBody(input.TemplateBody) };
  if (input.TemplateURL === undefined) throw new AwsError('ValidationError', 'Either Template URL or Template Body must be specified.');
  const body = readTemplateUrl(hub, input.TemplateURL);
  return { body, template: parseTemplateBody(body) };
}

function readTemplateUrl(hub: Hub, address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new AwsError('ValidationError', 'TemplateURL must be a supported URL.');
  }
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  const virtual = /^(.+)\.s3[.-]/.exec(url.hostname);
  const [bucket, key] = virtual ? [virtual[1]!, path] : [path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1)];
  const body = bucket && key ? hub.s3.getObject(bucket, key) : undefined;
  if (body === undefined) throw new AwsError('ValidationError', `S3 error: The specified ${bucket && hub.s3.hasBucket(bucket) ? 'key' : 'bucket'} does not exist.`);
  return body.toString('utf8');
}

/** The capabilities a template needs: IAM resources need CAPABILITY_IAM, named ones CAPABILITY_NAMED_IAM. */
export function requiredCapabilities(template: Template): { capability?: string; reason?: string } {
  const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::IAM::'));
  if (iam.length === 0) return {};
  const named = iam.some((r) => ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName'].some((p) => r.Properties?.[p] !== undefined));
  return named
    ? { capability: 'CAPABILITY_NAMED_IAM', reason: 'The following resource(s) require capabilities: [' + [...new Set(iam.map((r) => r.Type))].join(', ') + ']' }
    : { capability: 'CAPABILITY_IAM', reason: 'The following resource(s) require capabilities: [' + [...new Set(iam.map((r) => r.Type))].join(', ') + ']' };
}

export function checkCapabilities(template: Template, given: readonly string[] | undefined): void {
  const { capability } = requiredCapabilities(template);
  if (!capability) return;
  const have = new Set(given ?? []);
  if (have.has(capability) || (capability === 'CAPABILITY_IAM' && have.has('CAPABILITY_NAMED_IAM'))) return;
  throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${capability}]`);
}

/** The parameters as given, `UsePreviousValue` taken from the stack's last values. */
export function givenParameters(
  list: Array<{ ParameterKey?: string; ParameterValue?: string; UsePreviousValue?: boolean }> | undefined,
  previous: Record<string, string>,
  template: Template,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) {
    if (!p.ParameterKey) continue;
    if (p.UsePreviousValue) {
      if (previous[p.ParameterKey] !== undefined) out[p.ParameterKey] = previous[p.ParameterKey]!;
      else if (template.Parameters?.[p.ParameterKey]?.Default === undefined) {
        throw new AwsError('ValidationError', `Invalid input for parameter key ${p.ParameterKey}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
      }
    } else out[p.ParameterKey] = p.ParameterValue ?? '';
  }
  return out;
}
