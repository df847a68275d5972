import { AwsError } from '../core/aws-error';
import type { Service } from '../core/hub';
import { restXmlService } from '../protocol/rest-xml';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { isS3Request, pathStyle } from './addressing';
import { s3BodyLimit } from './body-limits';
import { s3Operations } from './operations';
import { S3Store } from './store';

/** What other services read from S3 in process: CloudFormation's template URLs, Lambda's code. */
export interface S3Internal extends Service {
  /** The object's bytes, or undefined when the bucket or key does not exist. */
  getObject(bucket: string, key: string): Buffer | undefined;
  /** Whether a bucket of that name exists (any owner). */
  hasBucket(bucket: string): boolean;
}

/**
 * S3 over REST-XML, path-style and virtual-hosted. It answers the requests signed for S3 or sent
 * to a bucket's host name; anything else is left to the other services.
 */
export function createS3Service(): S3Internal {
  const store = new S3Store();
  const handle = restXmlService(s3Operations, store, VALIDATION_EXCEPTION, (req, path) => {
    if (path.split('/').filter(Boolean).length === 0) return new AwsError('MethodNotAllowed', `The specified method is not allowed against this resource.`, 405);
    return new AwsError('NotImplemented', `A header or query you provided (${req.method} ${path}) implies functionality that is not implemented`, 501);
  }, s3BodyLimit);
  return {
    healthName: 's3',
    async handleHttp(req, res, url, ctx) {
      if (!isS3Request(req, url)) return false;
      await handle(req, res, pathStyle(req, url), url.searchParams, ctx);
      return true;
    },
    getObject(bucket, key) {
      return store.buckets.get(bucket)?.objects.get(key)?.body;
    },
    hasBucket(bucket) {
      return store.buckets.has(bucket);
    },
  };
}

declare module '../core/hub' {
  interface Hub {
    s3: S3Internal;
  }
}
