import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientConfig, errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();

async function bucket(): Promise<string> {
  const name = uniqueName('bucket').toLowerCase();
  await aws.s3.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

describe('S3 buckets', () => {
  it('creates, lists, heads, locates and deletes a bucket', async () => {
    const name = await bucket();
    expect((await aws.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain(name);
    await aws.s3.send(new HeadBucketCommand({ Bucket: name }));
    expect((await aws.s3.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint).toBeUndefined();
    await aws.s3.send(new DeleteBucketCommand({ Bucket: name }));
    const missing = await errorOf(() => aws.s3.send(new GetBucketLocationCommand({ Bucket: name })));
    expect(missing.name).toBe('NoSuchBucket');
    expect(missing.message).toBe('The specified bucket does not exist');
    expect((await errorOf(() => aws.s3.send(new HeadBucketCommand({ Bucket: name })))).name).toBe('NotFound');
  });

  it('answers BucketAlreadyOwnedByYou outside us-east-1, and BucketNotEmpty on delete', async () => {
    const west = new S3Client({ ...clientConfig(aws.endpoint), region: 'eu-west-1', forcePathStyle: true });
    const name = uniqueName('west').toLowerCase();
    await west.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect((await west.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint).toBe('eu-west-1');
    const again = await errorOf(() => west.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    expect(again.$metadata?.httpStatusCode).toBe(409);
    await west.send(new PutObjectCommand({ Bucket: name, Key: 'k', Body: 'x' }));
    const notEmpty = await errorOf(() => west.send(new DeleteBucketCommand({ Bucket: name })));
    expect(notEmpty.name).toBe('BucketNotEmpty');
    expect(notEmpty.message).toBe('The bucket you tried to delete is not empty');
    west.destroy();
  });

  it('stores and returns policy, encryption, versioning and public access block', async () => {
    const name = await bucket();
    expect((await errorOf(() => aws.s3.send(new GetBucketEncryptionCommand({ Bucket: name })))).name).toBe('ServerSideEncryptionConfigurationNotFoundError');
    await aws.s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }));
    const encryption = await aws.s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('aws:kms');
    await aws.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status).toBe('Enabled');
    await aws.s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } }));
    expect((await aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${name}` }] });
    await aws.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: policy }));
    expect((await aws.s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy).toBe(policy);
    expect((await errorOf(() => aws.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: 'not json' })))).name).toBe('MalformedPolicy');
  });
});

describe('S3 objects', () => {
  it('puts with a checksum, gets, heads, ranges and deletes', async () => {
    const name = await bucket();
    const put = await aws.s3.send(new PutObjectCommand({ Bucket: name, Key: 'dir/a.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { who: 'me' }, ChecksumAlgorithm: 'SHA256' }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await aws.s3.send(new GetObjectCommand({ Bucket: name, Key: 'dir/a.json' }));
    expect(await got.Body!.transformToString()).toBe('{"a":1}');
    expect(got).toMatchObject({ ContentType: 'application/json', Metadata: { who: 'me' }, ETag: put.ETag });
    const head = await aws.s3.send(new HeadObjectCommand({ Bucket: name, Key: 'dir/a.json' }));
    expect(head.ContentLength).toBe(7);
    const part = await aws.s3.send(new GetObjectCommand({ Bucket: name, Key: 'dir/a.json', Range: 'bytes=1-3' }));
    expect(await part.Body!.transformToString()).toBe('"a"');
    await aws.s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'dir/a.json' }));
    const missing = await errorOf(() => aws.s3.send(new GetObjectCommand({ Bucket: name, Key: 'dir/a.json' })));
    expect(missing.name).toBe('NoSuchKey');
    expect(missing.message).toBe('The specified key does not exist.');
    expect((await errorOf(() => aws.s3.send(new HeadObjectCommand({ Bucket: name, Key: 'dir/a.json' })))).name).toBe('NotFound');
  });

  it('refuses a body whose checksum does not match', async () => {
    const name = await bucket();
    const err = await errorOf(() => aws.s3.send(new PutObjectCommand({ Bucket: name, Key: 'k', Body: 'abc', ChecksumSHA256: Buffer.alloc(32).toString('base64') })));
    expect(err.name).toBe('BadDigest');
  });

  it('lists with prefix, delimiter and paging, and deletes many', async () => {
    const name = await bucket();
    for (const key of ['a/1', 'a/2', 'a/b/3', 'c', 'd']) await aws.s3.send(new PutObjectCommand({ Bucket: name, Key: key, Body: key }));
    const top = await aws.s3.send(new ListObjectsV2Command({ Bucket: name, Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['c', 'd']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/']);
    const under = await aws.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: 'a/', Delimiter: '/' }));
    expect(under.Contents?.map((o) => [o.Key, o.Size])).toEqual([['a/1', 3], ['a/2', 3]]);
    expect(under.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/b/']);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: name, MaxKeys: 2, ContinuationToken: token }));
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys).toEqual(['a/1', 'a/2', 'a/b/3', 'c', 'd']);
    const deleted = await aws.s3.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    expect(deleted.Deleted?.map((d) => d.Key)).toEqual(keys);
    expect((await aws.s3.send(new ListObjectsV2Command({ Bucket: name }))).KeyCount).toBe(0);
  });

  it('copies objects, and assembles multipart uploads', async () => {
    const name = await bucket();
    await aws.s3.send(new PutObjectCommand({ Bucket: name, Key: 'src', Body: 'hello' }));
    await aws.s3.send(new CopyObjectCommand({ Bucket: name, Key: 'dst', CopySource: `${name}/src` }));
    expect(await (await aws.s3.send(new GetObjectCommand({ Bucket: name, Key: 'dst' }))).Body!.transformToString()).toBe('hello');

    const { UploadId } = await aws.s3.send(new CreateMultipartUploadCommand({ Bucket: name, Key: 'big' }));
    const first = Buffer.alloc(5 * 1024 * 1024, 1);
    const p1 = await aws.s3.send(new UploadPartCommand({ Bucket: name, Key: 'big', UploadId, PartNumber: 1, Body: first }));
    const p2 = await aws.s3.send(new UploadPartCommand({ Bucket: name, Key: 'big', UploadId, PartNumber: 2, Body: 'tail' }));
    const done = await aws.s3.send(
      new CompleteMultipartUploadCommand({ Bucket: name, Key: 'big', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }),
    );
    expect(done.ETag).toMatch(/-2"$/);
    expect((await aws.s3.send(new HeadObjectCommand({ Bucket: name, Key: 'big' }))).ContentLength).toBe(first.length + 4);
    const stale = await errorOf(() => aws.s3.send(new UploadPartCommand({ Bucket: name, Key: 'big', UploadId, PartNumber: 3, Body: 'x' })));
    expect(stale.name).toBe('NoSuchUpload');
  });

  it('answers virtual-hosted requests by the bucket in the host name', async () => {
    const name = await bucket();
    await aws.s3.send(new PutObjectCommand({ Bucket: name, Key: 'v.txt', Body: 'virtual' }));
    const { hostname, port } = new URL(aws.endpoint);
    for (const host of [`${name}.s3.localhost.localstack.cloud:${port}`, `${name}.localhost:${port}`]) {
      const text = await new Promise<string>((resolve, reject) => {
        // fetch() does not let a caller set Host; the virtual-hosted style lives in it.
        const req = request({ hostname, port, path: '/v.txt', headers: { host } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
        req.on('error', reject).end();
      });
      expect(text).toBe('virtual');
    }
  });
});
