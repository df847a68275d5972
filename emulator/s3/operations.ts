import type { OperationTable } from '../protocol/operations';
import { xmlOp } from '../protocol/rest-xml';
import { BucketInput, BucketSettingInput, CreateBucketInput, PutBucketPolicyInput, SETTINGS } from './buckets';
import { createBucket, deleteBucket, deleteBucketPolicy, deleteSetting, getBucketLocation, getBucketPolicy, getSetting, headBucket, listBuckets, putBucketPolicy, putSetting } from './buckets';
import { ListObjectsInput, ListObjectsV2Input, listObjects, listObjectsV2 } from './list-objects';
import { AbortMultipartUploadInput, CompleteMultipartUploadInput, CreateMultipartUploadInput, UploadPartInput } from './multipart';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './multipart';
import { CopyObjectInput, DeleteObjectsInput, GetObjectInput, ObjectInput, PutObjectInput } from './objects';
import { copyObject, deleteObject, deleteObjects, getObject, headObject, putObject } from './objects';
import type { S3Store } from './store';

const BUCKET = '/{Bucket}';
const OBJECT = '/{Bucket}/{Key+}';
/** What every object write carries besides its body: type, MD5, user metadata, the headers kept. */
const OBJECT_WRITE = { headers: { ContentType: 'content-type', ContentMD5: 'content-md5' }, headerPrefixes: { Metadata: 'x-amz-meta-' }, allHeaders: 'Headers' } as const;
const OBJECT_READ = { headers: { Range: 'range', ChecksumMode: 'x-amz-checksum-mode', IfNoneMatch: 'if-none-match', IfMatch: 'if-match' } } as const;

/** The bucket settings kept as XML documents: put, get and delete each, on the setting's subresource. */
function settingOps(name: string, query: string, setting: (typeof SETTINGS)[keyof typeof SETTINGS], withDelete = true): OperationTable<S3Store> {
  const uri = `${BUCKET}?${query}`;
  return {
    [`Put${name}`]: xmlOp(BucketSettingInput, putSetting(setting), { method: 'PUT', uri, payload: 'Configuration', xmlPayload: true }),
    [`Get${name}`]: xmlOp(BucketInput, getSetting(setting), { method: 'GET', uri }),
    ...(withDelete ? { [`Delete${name}`]: xmlOp(BucketInput, deleteSetting(setting), { method: 'DELETE', uri }) } : {}),
  };
}

/**
 * Every S3 operation the emulator answers, by its AWS name, with its REST-XML binding as the
 * service model writes it (`/{Bucket}?location`). Routes with more selectors are tried first.
 */
export const s3Operations: OperationTable<S3Store> = {
  ListBuckets: xmlOp({}, listBuckets, { method: 'GET', uri: '/' }),
  CreateBucket: xmlOp(CreateBucketInput, createBucket, { method: 'PUT', uri: BUCKET, headers: { ACL: 'x-amz-acl' }, payload: 'CreateBucketConfiguration', xmlPayload: true }),
  HeadBucket: xmlOp(BucketInput, headBucket, { method: 'HEAD', uri: BUCKET }),
  DeleteBucket: xmlOp(BucketInput, deleteBucket, { method: 'DELETE', uri: BUCKET }),
  GetBucketLocation: xmlOp(BucketInput, getBucketLocation, { method: 'GET', uri: `${BUCKET}?location` }),
  PutBucketPolicy: xmlOp(PutBucketPolicyInput, putBucketPolicy, { method: 'PUT', uri: `${BUCKET}?policy`, payload: 'Policy' }),
  GetBucketPolicy: xmlOp(BucketInput, getBucketPolicy, { method: 'GET', uri: `${BUCKET}?policy` }),
  DeleteBucketPolicy: xmlOp(BucketInput, deleteBucketPolicy, { method: 'DELETE', uri: `${BUCKET}?policy` }),
  ...settingOps('BucketEncryption', 'encryption', SETTINGS.encryption),
  ...settingOps('BucketVersioning', 'versioning', SETTINGS.versioning, false),
  ...settingOps('PublicAccessBlock', 'publicAccessBlock', SETTINGS.publicAccessBlock),
  ...settingOps('BucketLifecycleConfiguration', 'lifecycle', SETTINGS.lifecycle),
  ...settingOps('BucketTagging', 'tagging', SETTINGS.tags),

  ListObjectsV2: xmlOp(ListObjectsV2Input, listObjectsV2, {
    method: 'GET',
    uri: `${BUCKET}?list-type=2`,
    query: { Prefix: 'prefix', Delimiter: 'delimiter', MaxKeys: 'max-keys', EncodingType: 'encoding-type', ContinuationToken: 'continuation-token', StartAfter: 'start-after', FetchOwner: 'fetch-owner' },
  }),
  ListObjects: xmlOp(ListObjectsInput, listObjects, {
    method: 'GET',
    uri: BUCKET,
    query: { Prefix: 'prefix', Delimiter: 'delimiter', MaxKeys: 'max-keys', EncodingType: 'encoding-type', Marker: 'marker' },
  }),
  DeleteObjects: xmlOp(DeleteObjectsInput, deleteObjects, { method: 'POST', uri: `${BUCKET}?delete`, payload: 'Delete', xmlPayload: true }),

  CreateMultipartUpload: xmlOp(CreateMultipartUploadInput, createMultipartUpload, { method: 'POST', uri: `${OBJECT}?uploads`, ...OBJECT_WRITE }),
  UploadPart: xmlOp(UploadPartInput, uploadPart, {
    method: 'PUT',
    uri: `${OBJECT}?partNumber&uploadId`,
    query: { PartNumber: 'partNumber', UploadId: 'uploadId' },
    payload: 'Body',
    allHeaders: 'Headers',
  }),
  CompleteMultipartUpload: xmlOp(CompleteMultipartUploadInput, completeMultipartUpload, {
    method: 'POST',
    uri: `${OBJECT}?uploadId`,
    query: { UploadId: 'uploadId' },
    payload: 'MultipartUpload',
    xmlPayload: true,
  }),
  AbortMultipartUpload: xmlOp(AbortMultipartUploadInput, abortMultipartUpload, { method: 'DELETE', uri: `${OBJECT}?uploadId`, query: { UploadId: 'uploadId' } }),

  CopyObject: xmlOp(CopyObjectInput, copyObject, {
    method: 'PUT',
    uri: OBJECT,
    whenHeader: 'x-amz-copy-source',
    ...OBJECT_WRITE,
    headers: { ...OBJECT_WRITE.headers, CopySource: 'x-amz-copy-source', MetadataDirective: 'x-amz-metadata-directive' },
  }),
  PutObject: xmlOp(PutObjectInput, putObject, { method: 'PUT', uri: OBJECT, payload: 'Body', ...OBJECT_WRITE }),
  GetObject: xmlOp(GetObjectInput, getObject, { method: 'GET', uri: OBJECT, ...OBJECT_READ }),
  HeadObject: xmlOp(GetObjectInput, headObject, { method: 'HEAD', uri: OBJECT, ...OBJECT_READ }),
  DeleteObject: xmlOp(ObjectInput, deleteObject, { method: 'DELETE', uri: OBJECT }),
};
