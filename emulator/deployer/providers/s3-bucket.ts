import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketLifecycleCommand,
  DeletePublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import type { ProviderContext, ResourceProvider } from './provider';
import { changedProperties, ignoreNotFound, str, type Props } from './support';

/**
 * AWS::S3::Bucket: a bucket in the emulator's S3 with the settings the template gives it
 * (encryption, versioning, lifecycle, public access block, tags), stored and returned by S3.
 * Settings S3 here does not keep (CORS, notifications, website, logging) are recorded only.
 */
export const s3Bucket: ResourceProvider = {
  properties: {
    BucketName: 'replace',
    ObjectLockEnabled: 'replace',
    AccessControl: 'update',
    BucketEncryption: 'update',
    VersioningConfiguration: 'update',
    LifecycleConfiguration: 'update',
    PublicAccessBlockConfiguration: 'update',
    Tags: 'update',
    OwnershipControls: 'update',
    CorsConfiguration: 'update',
    NotificationConfiguration: 'update',
    WebsiteConfiguration: 'update',
    LoggingConfiguration: 'update',
    ObjectLockConfiguration: 'update',
    IntelligentTieringConfigurations: 'update',
    MetricsConfigurations: 'update',
    AnalyticsConfigurations: 'update',
    InventoryConfigurations: 'update',
    ReplicationConfiguration: 'update',
    AccelerateConfiguration: 'update',
  },
  nameProperty: 'BucketName',
  async create(p, ctx) {
    // Generated bucket names are lower case, as S3 requires.
    const name = str(p.BucketName) ?? ctx.generateName(63).toLowerCase();
    await ctx.clients.s3.send(
      new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: ctx.region === 'us-east-1' ? undefined : { LocationConstraint: ctx.region as never } }),
    );
    await applySettings(name, {}, p, ctx);
    return state(name, ctx);
  },
  async update(previous, p, ctx) {
    await applySettings(previous.physicalId, previous.properties, p, ctx);
    return state(previous.physicalId, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.s3.send(new DeleteBucketCommand({ Bucket: resource.physicalId })), ['NoSuchBucket']);
  },
};

function state(name: string, ctx: ProviderContext) {
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:${ctx.partition}:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${ctx.region}.amazonaws.com`,
    },
  };
}

/** CloudFormation's lifecycle rule as S3's API takes it. */
function lifecycleRule(r: Props): LifecycleRule {
  const n = (v: unknown) => (v === undefined ? undefined : Number(v));
  const noncurrent = r.NoncurrentVersionExpiration as Props | undefined;
  const abort = r.AbortIncompleteMultipartUpload as Props | undefined;
  return {
    ID: str(r.Id),
    Status: String(r.Status) as LifecycleRule['Status'],
    Filter: { Prefix: str(r.Prefix) ?? '' },
    Expiration: r.ExpirationInDays !== undefined ? { Days: n(r.ExpirationInDays) } : r.ExpirationDate !== undefined ? { Date: new Date(String(r.ExpirationDate)) } : undefined,
    NoncurrentVersionExpiration:
      noncurrent !== undefined
        ? { NoncurrentDays: n(noncurrent.NoncurrentDays), NewerNoncurrentVersions: n(noncurrent.NewerNoncurrentVersions) }
        : r.NoncurrentVersionExpirationInDays !== undefined
          ? { NoncurrentDays: n(r.NoncurrentVersionExpirationInDays) }
          : undefined,
    AbortIncompleteMultipartUpload: abort ? { DaysAfterInitiation: n(abort.DaysAfterIncompleteMultipartUpload ?? abort.DaysAfterInitiation) } : undefined,
  };
}

/** Puts (or removes) each setting whose property changed. */
async function applySettings(bucket: string, before: Props, after: Props, ctx: ProviderContext): Promise<void> {
  const s3 = ctx.clients.s3;
  for (const name of changedProperties(before, after)) {
    const value = after[name] as Props | undefined;
    switch (name) {
      case 'BucketEncryption': {
        if (!value) await s3.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
        else {
          const rules = (value.ServerSideEncryptionConfiguration as Props[]).map((rule) => ({
            ApplyServerSideEncryptionByDefault: rule.ServerSideEncryptionByDefault as never,
            BucketKeyEnabled: rule.BucketKeyEnabled === undefined ? undefined : rule.BucketKeyEnabled === true || rule.BucketKeyEnabled === 'true',
          }));
          await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: rules } }));
        }
        break;
      }
      case 'VersioningConfiguration':
        await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: (value?.Status as 'Enabled' | 'Suspended') ?? 'Suspended' } }));
        break;
      case 'PublicAccessBlockConfiguration': {
        if (!value) await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
        else {
          const flag = (v: unknown) => v === true || v === 'true';
          const config = { BlockPublicAcls: flag(value.BlockPublicAcls), BlockPublicPolicy: flag(value.BlockPublicPolicy), IgnorePublicAcls: flag(value.IgnorePublicAcls), RestrictPublicBuckets: flag(value.RestrictPublicBuckets) };
          await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: config }));
        }
        break;
      }
      case 'LifecycleConfiguration':
        if (!value) await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
        else await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: (value.Rules as Props[]).map(lifecycleRule) } }));
        break;
      case 'Tags':
        await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: ((after.Tags as Props[] | undefined) ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })) } }));
        break;
      default:
        // Recorded in the stack only.
        break;
    }
  }
}
