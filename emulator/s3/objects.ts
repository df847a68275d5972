import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../core/aws-error';
import type { RestXmlReply } from '../protocol/rest-xml';
import { map, required, string, type InputOf } from '../protocol/validation';
import { md5Etag, type S3Object, type S3Store } from './store';

/** Object operations: put, get, head, delete, delete many, copy. */

const BUCKET = required(string());
const KEY = required(string({ min: 1 }));
/** Headers an object keeps and returns as given. */
export const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-storage-class', 'x-amz-website-redirect-location'];
const CHECKSUMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'];

export const ObjectInput = { Bucket: BUCKET, Key: KEY };
export const PutObjectInput = { Bucket: BUCKET, Key: KEY, ContentType: string(), ContentMD5: string(), Metadata: map() };
export const GetObjectInput = { Bucket: BUCKET, Key: KEY, Range: string(), ChecksumMode: string(), IfNoneMatch: string(), IfMatch: string() };
export const CopyObjectInput = { Bucket: BUCKET, Key: KEY, CopySource: required(string()), MetadataDirective: string(), ContentType: string(), Metadata: map() };
export const DeleteObjectsInput = { Bucket: BUCKET, Delete: map() };

/** The headers of the request that the object keeps (and its checksums), from the raw request input. */
export function headersOf(input: Record<string, unknown>): { headers: Record<string, string>; checksums: Record<string, string> } {
  const raw = (input.Headers ?? {}) as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) if (raw[name] !== undefined) headers[name] = raw[name]!;
  // aws-chunked is how the body travelled, not how it is stored.
  if (headers['content-encoding']) headers['content-encoding'] = headers['content-encoding'].split(',').map((s) => s.trim()).filter((s) => s !== 'aws-chunked').join(', ');
  if (headers['content-encoding'] === '') delete headers['content-encoding'];
  const checksums: Record<string, string> = {};
  for (const algorithm of CHECKSUMS) {
    const value = raw[`x-amz-checksum-${algorithm}`] ?? (input.Trailers as Record<string, string> | undefined)?.[`x-amz-checksum-${algorithm}`];
    if (value !== undefined) checksums[algorithm] = value;
  }
  return { headers, checksums };
}

/** S3 refuses a body whose checksum or Content-MD5 does not match what the writer sent. */
export function checkDigests(body: Buffer, checksums: Record<string, string>, contentMd5: string | undefined): void {
  const computed: Record<string, () => string> = {
    sha256: () => createHash('sha256').update(body).digest('base64'),
    sha1: () => createHash('sha1').update(body).digest('base64'),
    crc32: () => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(crc32(body) >>> 0);
      return b.toString('base64');
    },
  };
  for (const [algorithm, value] of Object.entries(checksums)) {
    const compute = computed[algorithm];
    if (compute && compute() !== value) {
      throw new AwsError('BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
    }
  }
  if (contentMd5 !== undefined && createHash('md5').update(body).digest('base64') !== contentMd5) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
}

export function objectHeaders(o: S3Object, withChecksums: boolean): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'content-type': o.contentType,
    etag: o.etag,
    'last-modified': o.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...o.headers,
  };
  for (const [k, v] of Object.entries(o.metadata)) headers[`x-amz-meta-${k}`] = v;
  if (withChecksums) for (const [k, v] of Object.entries(o.checksums)) headers[`x-amz-checksum-${k}`] = v;
  return headers;
}

export function putObject(store: S3Store, input: InputOf<typeof PutObjectInput> & Record<string, unknown>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  const body = input.Body as Buffer;
  const { headers, checksums } = headersOf(input);
  checkDigests(body, checksums, input.ContentMD5);
  const object: S3Object = {
    key: input.Key,
    body,
    etag: md5Etag(body),
    lastModified: new Date(),
    contentType: input.ContentType ?? 'binary/octet-stream',
    metadata: input.Metadata ?? {},
    headers,
    checksums,
  };
  bucket.objects.set(input.Key, object);
  const sse = headers['x-amz-server-side-encryption'];
  return { headers: { etag: object.etag, 'x-amz-server-side-encryption': sse, ...Object.fromEntries(Object.entries(checksums).map(([k, v]) => [`x-amz-checksum-${k}`, v])) } };
}

/** `bytes=a-b`, `bytes=a-` and `bytes=-n` as a start and an end (inclusive), or AWS's InvalidRange. */
function byteRange(range: string, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: size });
  }
  return [start, end];
}

export function getObject(store: S3Store, input: InputOf<typeof GetObjectInput>): RestXmlReply {
  const object = store.object(input.Bucket, input.Key);
  // A range is not the object the checksums were computed over: S3 leaves them out.
  const headers = objectHeaders(object, input.ChecksumMode === 'ENABLED' && input.Range === undefined);
  if (input.IfNoneMatch !== undefined && input.IfNoneMatch === object.etag) return { status: 304, headers: { etag: object.etag } };
  if (input.IfMatch !== undefined && input.IfMatch !== object.etag) throw new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-Match' });
  const range = input.Range === undefined ? undefined : byteRange(input.Range, object.body.length);
  if (range) {
    const [start, end] = range;
    return { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${object.body.length}` }, body: object.body.subarray(start, end + 1) };
  }
  return { headers, body: object.body };
}

export function headObject(store: S3Store, input: InputOf<typeof GetObjectInput>): RestXmlReply {
  const object = store.object(input.Bucket, input.Key);
  return { headers: { ...objectHeaders(object, input.ChecksumMode === 'ENABLED'), 'content-length': object.body.length } };
}

/** Deleting a key that does not exist succeeds, as in S3. */
export function deleteObject(store: S3Store, input: InputOf<typeof ObjectInput>): RestXmlReply {
  store.bucket(input.Bucket).objects.delete(input.Key);
  return { status: 204 };
}

export function deleteObjects(store: S3Store, input: InputOf<typeof DeleteObjectsInput>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  const spec = (input.Delete ?? {}) as { Object?: Array<{ Key?: string }>; Quiet?: string };
  const objects = spec.Object ?? [];
  if (objects.length === 0 || objects.length > 1000) {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
  const deleted = objects.map((o) => {
    bucket.objects.delete(String(o.Key));
    return { Key: String(o.Key) };
  });
  return { xml: { root: 'DeleteResult', value: spec.Quiet === 'true' ? {} : { Deleted: deleted } } };
}

/** `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, with an optional `?versionId=`. */
function copySource(source: string): { bucket: string; key: string } {
  const path = decodeURIComponent(source.split('?')[0]!.replace(/^\//, ''));
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw new AwsError('InvalidArgument', 'Invalid copy source object key', 400, { ArgumentName: 'x-amz-copy-source', ArgumentValue: source });
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export function copyObject(store: S3Store, input: InputOf<typeof CopyObjectInput> & Record<string, unknown>): RestXmlReply {
  const from = copySource(input.CopySource);
  const source = store.object(from.bucket, from.key);
  const target = store.bucket(input.Bucket);
  const replace = input.MetadataDirective === 'REPLACE';
  if (from.bucket === input.Bucket && from.key === input.Key && !replace) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const { headers } = headersOf(input);
  const object: S3Object = {
    ...source,
    key: input.Key,
    lastModified: new Date(),
    contentType: replace ? (input.ContentType ?? 'binary/octet-stream') : source.contentType,
    metadata: replace ? (input.Metadata ?? {}) : source.metadata,
    headers: replace ? headers : source.headers,
  };
  target.objects.set(input.Key, object);
  return { xml: { root: 'CopyObjectResult', value: { LastModified: object.lastModified, ETag: object.etag } } };
}
