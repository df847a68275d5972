import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import type { RestXmlReply } from '../protocol/rest-xml';
import { map, required, string, type InputOf } from '../protocol/validation';
import type { Bucket, S3Store } from './store';

/** Bucket operations: create, head, delete, list, location, and the stored settings. */

const BUCKET = required(string());
export const BucketInput = { Bucket: BUCKET };
export const CreateBucketInput = { Bucket: BUCKET, ACL: string(), CreateBucketConfiguration: map() };
/** A setting stored as the caller sent it: its XML document, or the raw policy JSON. */
export const BucketSettingInput = { Bucket: BUCKET, Configuration: map() };
/** The policy is the raw body (`Policy`), checked as JSON by the handler. */
export const PutBucketPolicyInput = { Bucket: BUCKET };

/** S3's naming rules for new buckets (3-63 characters, lower case, digits, dots and hyphens). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function listBuckets(store: S3Store, _input: object, ctx: RequestContext): RestXmlReply {
  const mine = [...store.buckets.values()].filter((b) => b.accountId === ctx.accountId).sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    xml: {
      root: 'ListAllMyBucketsResult',
      value: {
        Owner: { ID: ctx.accountId, DisplayName: 'webfile' },
        Buckets: { Bucket: mine.map((b) => ({ Name: b.name, CreationDate: b.created, BucketRegion: b.region })) },
      },
    },
  };
}

export function createBucket(store: S3Store, input: InputOf<typeof CreateBucketInput>, ctx: RequestContext): RestXmlReply {
  const { Bucket: name } = input;
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  }
  // The us-east-1 endpoint creates a bucket in any region its LocationConstraint names; the
  // other regions' endpoints only in their own.
  const region = String(input.CreateBucketConfiguration?.LocationConstraint ?? '') || 'us-east-1';
  if (ctx.region !== 'us-east-1' && region !== ctx.region) {
    throw new AwsError('IllegalLocationConstraintException', `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  }
  const existing = store.buckets.get(name);
  if (existing) {
    if (existing.accountId !== ctx.accountId) {
      throw new AwsError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: name });
    }
    // us-east-1 answers success when the owner creates its own bucket again (S3's legacy behaviour).
    if (existing.region !== 'us-east-1') {
      throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
    }
    return { headers: { location: `/${name}` } };
  }
  store.buckets.set(name, { name, accountId: ctx.accountId, region, created: new Date(), objects: new Map(), uploads: new Map() });
  return { headers: { location: `/${name}` } };
}

export function headBucket(store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  return { headers: { 'x-amz-bucket-region': bucket.region } };
}

export function deleteBucket(store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  if (bucket.objects.size > 0) throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket.name });
  store.buckets.delete(bucket.name);
  return { status: 204 };
}

export function getBucketLocation(store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply {
  const { region } = store.bucket(input.Bucket);
  // us-east-1 is the empty location constraint.
  return { xml: { root: 'LocationConstraint', value: region === 'us-east-1' ? {} : { '#text': region } } };
}

/**
 * The bucket settings kept as documents (encryption, versioning, public access block, lifecycle,
 * tagging): each has a put, a get that answers the document or the setting's own "not found"
 * error, and a delete.
 */
interface Setting {
  field: 'encryption' | 'versioning' | 'publicAccessBlock' | 'lifecycle' | 'tags';
  root: string;
  missing?: () => AwsError;
  /** What get answers when nothing was put and the setting has a default (versioning: empty). */
  empty?: object;
}
const setting = (s: Setting) => s;
export const SETTINGS = {
  encryption: setting({
    field: 'encryption',
    root: 'ServerSideEncryptionConfiguration',
    missing: () => new AwsError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404),
  }),
  versioning: setting({ field: 'versioning', root: 'VersioningConfiguration', empty: {} }),
  publicAccessBlock: setting({
    field: 'publicAccessBlock',
    root: 'PublicAccessBlockConfiguration',
    missing: () => new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404),
  }),
  lifecycle: setting({
    field: 'lifecycle',
    root: 'LifecycleConfiguration',
    missing: () => new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
  }),
  tags: setting({ field: 'tags', root: 'Tagging', missing: () => new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404) }),
};

export const putSetting =
  (s: Setting) =>
  (store: S3Store, input: InputOf<typeof BucketSettingInput>): RestXmlReply => {
    store.bucket(input.Bucket)[s.field] = input.Configuration ?? {};
    return s.field === 'tags' ? { status: 204 } : {};
  };

export const getSetting =
  (s: Setting) =>
  (store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply => {
    const bucket: Bucket = store.bucket(input.Bucket);
    const value = bucket[s.field] ?? s.empty;
    if (value === undefined) throw withBucket(s.missing!(), bucket.name);
    return { xml: { root: s.root, value } };
  };

export const deleteSetting =
  (s: Setting) =>
  (store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply => {
    delete store.bucket(input.Bucket)[s.field];
    return { status: 204 };
  };

function withBucket(err: AwsError, bucket: string): AwsError {
  return new AwsError(err.code, err.message, err.statusCode, { BucketName: bucket });
}

export function putBucketPolicy(store: S3Store, input: InputOf<typeof PutBucketPolicyInput> & { Policy?: unknown }): RestXmlReply {
  const text = Buffer.isBuffer(input.Policy) ? input.Policy.toString('utf8') : String(input.Policy);
  try {
    JSON.parse(text);
  } catch {
    throw new AwsError('MalformedPolicy', 'Policies must be valid JSON and the first byte must be \'{\'');
  }
  store.bucket(input.Bucket).policy = text;
  return { status: 204 };
}

export function getBucketPolicy(store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  if (bucket.policy === undefined) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket.name });
  return { headers: { 'content-type': 'application/json' }, body: bucket.policy };
}

export function deleteBucketPolicy(store: S3Store, input: InputOf<typeof BucketInput>): RestXmlReply {
  delete store.bucket(input.Bucket).policy;
  return { status: 204 };
}
