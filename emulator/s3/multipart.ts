import { createHash, randomBytes } from 'node:crypto';
import { keptId } from '../persistence/captured-ids';
import { AwsError } from '../core/aws-error';
import type { RestXmlReply } from '../protocol/rest-xml';
import { integer, map, required, string, type InputOf } from '../protocol/validation';
import { headersOf } from './objects';
import { md5Etag, type S3Store } from './store';

const BUCKET = required(string());
const KEY = required(string({ min: 1 }));
const UPLOAD_ID = required(string());
/** The smallest part S3 accepts, but for the last one. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

export const CreateMultipartUploadInput = { Bucket: BUCKET, Key: KEY, ContentType: string(), Metadata: map() };
export const UploadPartInput = { Bucket: BUCKET, Key: KEY, PartNumber: required(integer({ min: 1, max: 10000 })), UploadId: UPLOAD_ID };
export const CompleteMultipartUploadInput = { Bucket: BUCKET, Key: KEY, UploadId: UPLOAD_ID, MultipartUpload: map() };
export const AbortMultipartUploadInput = { Bucket: BUCKET, Key: KEY, UploadId: UPLOAD_ID };

function upload(store: S3Store, bucket: string, key: string, uploadId: string) {
  const found = store.bucket(bucket).uploads.get(uploadId);
  if (!found || found.key !== key) {
    throw new AwsError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId });
  }
  return found;
}

export function createMultipartUpload(store: S3Store, input: InputOf<typeof CreateMultipartUploadInput> & Record<string, unknown>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  // A request replayed from the state folder gets the upload id it was given the first time.
  const uploadId = keptId(() => randomBytes(24).toString('base64url'));
  bucket.uploads.set(uploadId, {
    uploadId,
    key: input.Key,
    initiated: new Date(),
    contentType: input.ContentType ?? 'binary/octet-stream',
    metadata: input.Metadata ?? {},
    headers: headersOf(input).headers,
    parts: new Map(),
  });
  return { xml: { root: 'InitiateMultipartUploadResult', value: { Bucket: bucket.name, Key: input.Key, UploadId: uploadId } } };
}

export function uploadPart(store: S3Store, input: InputOf<typeof UploadPartInput> & Record<string, unknown>): RestXmlReply {
  const found = upload(store, input.Bucket, input.Key, input.UploadId);
  const body = input.Body as Buffer;
  const etag = md5Etag(body);
  found.parts.set(input.PartNumber, { body, etag, lastModified: new Date() });
  const { checksums } = headersOf(input);
  return { headers: { etag, ...Object.fromEntries(Object.entries(checksums).map(([k, v]) => [`x-amz-checksum-${k}`, v])) } };
}

export function completeMultipartUpload(store: S3Store, input: InputOf<typeof CompleteMultipartUploadInput>): RestXmlReply {
  const found = upload(store, input.Bucket, input.Key, input.UploadId);
  const listed = ((input.MultipartUpload as { Part?: Array<{ PartNumber?: string; ETag?: string }> } | undefined)?.Part ?? []).map((p) => ({
    number: Number(p.PartNumber),
    etag: String(p.ETag ?? ''),
  }));
  if (listed.length === 0) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const parts = listed.map((p, i) => {
    if (i > 0 && p.number <= listed[i - 1]!.number) throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    const part = found.parts.get(p.number);
    if (!part || part.etag.replace(/"/g, '') !== p.etag.replace(/"/g, '')) {
      throw new AwsError('InvalidPart', "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
    }
    if (i < listed.length - 1 && part.body.length < MIN_PART_BYTES) {
      throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, { ProposedSize: part.body.length, MinSizeAllowed: MIN_PART_BYTES });
    }
    return part;
  });
  const body = Buffer.concat(parts.map((p) => p.body));
  // A multipart ETag is the MD5 of the parts' MD5s, then a dash and the part count.
  const digest = createHash('md5').update(Buffer.concat(parts.map((p) => Buffer.from(p.etag.replace(/"/g, ''), 'hex')))).digest('hex');
  const etag = `"${digest}-${parts.length}"`;
  const bucket = store.bucket(input.Bucket);
  bucket.objects.set(input.Key, {
    key: input.Key,
    body,
    etag,
    lastModified: new Date(),
    contentType: found.contentType,
    metadata: found.metadata,
    headers: found.headers,
    checksums: {},
  });
  bucket.uploads.delete(input.UploadId);
  return { xml: { root: 'CompleteMultipartUploadResult', value: { Location: `/${bucket.name}/${input.Key}`, Bucket: bucket.name, Key: input.Key, ETag: etag } } };
}

export function abortMultipartUpload(store: S3Store, input: InputOf<typeof AbortMultipartUploadInput>): RestXmlReply {
  upload(store, input.Bucket, input.Key, input.UploadId);
  store.bucket(input.Bucket).uploads.delete(input.UploadId);
  return { status: 204 };
}
