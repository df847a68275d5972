import type { IncomingMessage } from 'node:http';

/**
 * Host names that carry the bucket (virtual-hosted style), as LocalStack and AWS accept them:
 * `<bucket>.s3.localhost.localstack.cloud`, `<bucket>.localhost`, `<bucket>.s3.amazonaws.com`,
 * `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`.
 */
const VIRTUAL_HOST = [/^(.+)\.s3\.localhost\.localstack\.cloud$/, /^(.+)\.s3[.-][a-z0-9-]+\.amazonaws\.com$/, /^(.+)\.s3\.amazonaws\.com$/, /^(.+)\.localhost$/];
const SIGNED_FOR_S3 = /Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/s3\//;

/** The bucket a virtual-hosted request names in its host, if it does. */
export function bucketFromHost(host: string | undefined): string | undefined {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (name === 's3.localhost.localstack.cloud' || name === 'localhost.localstack.cloud') return undefined;
  for (const pattern of VIRTUAL_HOST) {
    const m = pattern.exec(name);
    if (m && !m[1]!.startsWith('s3.') && m[1] !== 's3') return m[1];
  }
  return undefined;
}

/** Whether a request is S3's: signed for S3 (header or pre-signed query), or addressed to a bucket's host. */
export function isS3Request(req: IncomingMessage, url: URL): boolean {
  if (bucketFromHost(req.headers.host) !== undefined) return true;
  if (SIGNED_FOR_S3.test(req.headers.authorization ?? '')) return true;
  return /\/s3\/aws4_request$/.test(url.searchParams.get('X-Amz-Credential') ?? '');
}

/** The request's path in path style (`/<bucket>/<key>`), whichever style it came in. */
export function pathStyle(req: IncomingMessage, url: URL): string {
  const bucket = bucketFromHost(req.headers.host);
  return bucket === undefined ? url.pathname : `/${bucket}${url.pathname === '/' ? '' : url.pathname}`;
}
