import { createHash } from 'node:crypto';
import { AwsError } from '../core/aws-error';

/** An object as S3 keeps it: the bytes and what was said about them when they were written. */
export interface S3Object {
  key: string;
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  /** Content-Encoding, Cache-Control, Content-Disposition, Content-Language, SSE: returned as given. */
  headers: Record<string, string>;
  /** Checksums the writer sent (`x-amz-checksum-sha256: ...`), returned when asked for. */
  checksums: Record<string, string>;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: Date;
  contentType: string;
  metadata: Record<string, string>;
  headers: Record<string, string>;
  parts: Map<number, { body: Buffer; etag: string; lastModified: Date }>;
}

/** A bucket and the settings CloudFormation and the CDK bootstrap stack put on it, stored as given. */
export interface Bucket {
  name: string;
  accountId: string;
  region: string;
  created: Date;
  objects: Map<string, S3Object>;
  uploads: Map<string, MultipartUpload>;
  policy?: string;
  encryption?: Record<string, unknown>;
  versioning?: Record<string, unknown>;
  publicAccessBlock?: Record<string, unknown>;
  lifecycle?: Record<string, unknown>;
  tags?: Record<string, unknown>;
}

export const md5Etag = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;

/**
 * Every bucket of the emulator. Bucket names are global in S3 (one name, one owner, one region),
 * so the store is not partitioned by account and region; each bucket records its owner and region.
 */
export class S3Store {
  readonly buckets = new Map<string, Bucket>();

  /** The bucket, or AWS's `NoSuchBucket`. */
  bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
    return bucket;
  }

  /** The object, or AWS's `NoSuchKey`. */
  object(bucketName: string, key: string): S3Object {
    const object = this.bucket(bucketName).objects.get(key);
    if (!object) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    return object;
  }
}
