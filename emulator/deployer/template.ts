import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A CloudFormation template as CDK synthesizes it (the parts the deployer reads). */
export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Transform?: unknown;
  Parameters?: Record<string, TemplateParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, TemplateRule>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
  Metadata?: unknown;
}

export interface TemplateParameter {
  Type: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  Description?: string;
  ConstraintDescription?: string;
}

export interface TemplateRule {
  RuleCondition?: unknown;
  Assertions: Array<{ Assert: unknown; AssertDescription?: string }>;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: unknown;
}

export interface TemplateOutput {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

/** One file asset of the cloud assembly: where CloudFormation would find it, where it is here. */
export interface FileAsset {
  /** The S3 object key the template names in `Code.S3Key` and the like. */
  objectKey: string;
  /** The bucket name as the asset manifest writes it, with `${AWS::AccountId}`-style placeholders. */
  bucketName: string;
  /** Absolute path of the asset in the cloud assembly (a directory for `zip` packaging). */
  sourcePath: string;
  packaging: 'zip' | 'file';
}

/** A stack of a cloud assembly, ready to deploy. */
export interface StackArtifact {
  stackName: string;
  template: Template;
  /** File assets by object key. */
  assets: Map<string, FileAsset>;
  /** The bootstrap stack version the stack asks for (`requiresBootstrapStackVersion`). */
  requiredBootstrapVersion?: number;
  /** The SSM parameter holding the bootstrap version (`/cdk-bootstrap/<qualifier>/version`). */
  bootstrapVersionParameter?: string;
}

interface ManifestArtifact {
  type: string;
  displayName?: string;
  dependencies?: string[];
  properties?: {
    templateFile?: string;
    stackName?: string;
    file?: string;
    requiresBootstrapStackVersion?: number;
    bootstrapStackVersionSsmParameter?: string;
  };
}

interface AssetManifest {
  files?: Record<
    string,
    {
      source: { path?: string; packaging?: string; executable?: string[] };
      destinations: Record<string, { bucketName: string; objectKey: string }>;
    }
  >;
  dockerImages?: Record<string, unknown>;
}

async function readJson<T>(file: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${what} ${file} does not exist: run \`npx cdk synth\` first.`);
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads a stack out of a cloud assembly (`cdk.out`): `manifest.json` names the stack's template
 * and its asset manifest (`<Stack>.assets.json`), which maps each asset's S3 object key to its
 * directory or file in the assembly.
 */
export async function loadStackArtifact(assemblyDir: string, stackName?: string): Promise<StackArtifact> {
  const dir = path.resolve(assemblyDir);
  const manifest = await readJson<{ artifacts?: Record<string, ManifestArtifact> }>(path.join(dir, 'manifest.json'), 'The cloud assembly manifest');
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  if (stacks.length === 0) throw new Error(`The cloud assembly in ${dir} holds no stack.`);
  const chosen = stackName
    ? stacks.find(([id, a]) => id === stackName || (a.properties?.stackName ?? id) === stackName || a.displayName === stackName)
    : stacks.length === 1
      ? stacks[0]
      : undefined;
  if (!chosen) {
    const names = stacks.map(([id]) => id).join(', ');
    throw new Error(stackName ? `The cloud assembly holds no stack named ${stackName}; it holds ${names}.` : `The cloud assembly holds several stacks (${names}): name one.`);
  }
  const [artifactId, artifact] = chosen;
  const templateFile = artifact.properties?.templateFile;
  if (!templateFile) throw new Error(`The stack ${artifactId} in the cloud assembly names no template file.`);
  const template = await readJson<Template>(path.join(dir, templateFile), 'The stack template');
  if (!template.Resources || typeof template.Resources !== 'object') throw new Error(`The template ${templateFile} has no Resources section.`);

  const assets = new Map<string, FileAsset>();
  for (const dep of artifact.dependencies ?? []) {
    const assetArtifact = artifacts[dep];
    if (assetArtifact?.type !== 'cdk:asset-manifest' || !assetArtifact.properties?.file) continue;
    const assetManifest = await readJson<AssetManifest>(path.join(dir, assetArtifact.properties.file), 'The asset manifest');
    if (assetManifest.dockerImages && Object.keys(assetManifest.dockerImages).length > 0) {
      throw new Error(`The stack ${artifactId} has Docker image assets, which the embedded deployer cannot publish; deploy it to LocalStack or AWS.`);
    }
    for (const file of Object.values(assetManifest.files ?? {})) {
      if (!file.source.path) continue; // built by a command at publish time: nothing local to point at
      for (const destination of Object.values(file.destinations)) {
        assets.set(destination.objectKey, {
          objectKey: destination.objectKey,
          bucketName: destination.bucketName,
          sourcePath: path.resolve(dir, file.source.path),
          packaging: file.source.packaging === 'zip' ? 'zip' : 'file',
        });
      }
    }
  }

  return {
    stackName: artifact.properties?.stackName ?? artifactId,
    template,
    assets,
    requiredBootstrapVersion: artifact.properties?.requiresBootstrapStackVersion,
    bootstrapVersionParameter: artifact.properties?.bootstrapStackVersionSsmParameter,
  };
}
