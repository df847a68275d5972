import { DeleteBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { ResourceProvider } from './provider';
import { ignoreNotFound } from './support';

/**
 * AWS::S3::BucketPolicy: the policy is stored on the bucket and returned by GetBucketPolicy; the
 * emulator's S3 does not enforce it (the CDK bootstrap bucket's policy denies every request that
 * is not TLS, and the emulator is plain HTTP).
 */
export const s3BucketPolicy: ResourceProvider = {
  properties: { Bucket: 'replace', PolicyDocument: 'update' },
  required: ['Bucket', 'PolicyDocument'],
  async create(p, ctx) {
    const bucket = String(p.Bucket);
    await ctx.clients.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(p.PolicyDocument) }));
    return { physicalId: `${ctx.stackName}-${ctx.logicalId}-${bucket}`.slice(0, 255), attributes: {} };
  },
  async update(previous, p, ctx) {
    await ctx.clients.s3.send(new PutBucketPolicyCommand({ Bucket: String(p.Bucket), Policy: JSON.stringify(p.PolicyDocument) }));
    return previous;
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: String(resource.properties.Bucket) })), ['NoSuchBucket']);
  },
};
