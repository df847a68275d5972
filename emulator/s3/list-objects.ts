import { AwsError } from '../core/aws-error';
import { decodeToken, encodeToken } from '../core/paging';
import type { RestXmlReply } from '../protocol/rest-xml';
import { integer, required, string, type InputOf } from '../protocol/validation';
import type { S3Object, S3Store } from './store';

const LIST_BASE = { Bucket: required(string()), Prefix: string(), Delimiter: string(), MaxKeys: integer({ min: 0 }), EncodingType: string() };
export const ListObjectsV2Input = { ...LIST_BASE, ContinuationToken: string(), StartAfter: string(), FetchOwner: string() };
export const ListObjectsInput = { ...LIST_BASE, Marker: string() };

interface Listing {
  contents: S3Object[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  last?: string;
}

/**
 * The keys under a prefix in UTF-8 order after `after`; with a delimiter, keys that have it after
 * the prefix roll up into one common prefix each. Keys and common prefixes together count
 * against `maxKeys`, as in S3.
 */
function list(objects: Map<string, S3Object>, prefix: string, delimiter: string | undefined, after: string | undefined, maxKeys: number): Listing {
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: Listing = { contents: [], commonPrefixes: [], truncated: false };
  for (const key of keys) {
    if (after !== undefined && (key <= after || (after.endsWith(delimiter ?? '\u0000') && key.startsWith(after)))) continue;
    const rest = key.slice(prefix.length);
    const at = delimiter ? rest.indexOf(delimiter) : -1;
    const rollup = at >= 0 ? prefix + rest.slice(0, at + delimiter!.length) : undefined;
    if (rollup !== undefined && out.commonPrefixes[out.commonPrefixes.length - 1] === rollup) continue;
    if (out.contents.length + out.commonPrefixes.length >= maxKeys) {
      out.truncated = true;
      break;
    }
    if (rollup !== undefined) {
      out.commonPrefixes.push(rollup);
      out.last = rollup;
    } else {
      out.contents.push(objects.get(key)!);
      out.last = key;
    }
  }
  return out;
}

const encoder = (type: string | undefined) => (s: string) => (type === 'url' ? encodeURIComponent(s).replace(/%2F/g, '/') : s);

function entries(listing: Listing, encode: (s: string) => string) {
  return {
    Contents: listing.contents.map((o) => ({ Key: encode(o.key), LastModified: o.lastModified, ETag: o.etag, Size: o.body.length, StorageClass: 'STANDARD' })),
    CommonPrefixes: listing.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  };
}

const isKey = (v: unknown): v is string => typeof v === 'string';

export function listObjectsV2(store: S3Store, input: InputOf<typeof ListObjectsV2Input>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  let after = input.StartAfter;
  if (input.ContinuationToken !== undefined) {
    after = decodeToken(input.ContinuationToken, isKey);
    if (after === undefined) throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token' });
  }
  const maxKeys = input.MaxKeys ?? 1000;
  const listing = list(bucket.objects, input.Prefix ?? '', input.Delimiter || undefined, after, Math.min(maxKeys, 1000));
  const encode = encoder(input.EncodingType);
  const found = entries(listing, encode);
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket.name,
        Prefix: encode(input.Prefix ?? ''),
        Delimiter: input.Delimiter,
        MaxKeys: maxKeys,
        EncodingType: input.EncodingType,
        KeyCount: listing.contents.length + listing.commonPrefixes.length,
        IsTruncated: listing.truncated,
        ContinuationToken: input.ContinuationToken,
        NextContinuationToken: listing.truncated ? encodeToken(listing.last) : undefined,
        StartAfter: input.StartAfter,
        ...found,
      },
    },
  };
}

export function listObjects(store: S3Store, input: InputOf<typeof ListObjectsInput>): RestXmlReply {
  const bucket = store.bucket(input.Bucket);
  const maxKeys = input.MaxKeys ?? 1000;
  const listing = list(bucket.objects, input.Prefix ?? '', input.Delimiter || undefined, input.Marker || undefined, Math.min(maxKeys, 1000));
  const encode = encoder(input.EncodingType);
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket.name,
        Prefix: encode(input.Prefix ?? ''),
        Marker: input.Marker ?? '',
        Delimiter: input.Delimiter,
        MaxKeys: maxKeys,
        EncodingType: input.EncodingType,
        IsTruncated: listing.truncated,
        // S3 gives NextMarker only when a delimiter is used; clients use the last key otherwise.
        NextMarker: listing.truncated && input.Delimiter ? listing.last : undefined,
        ...entries(listing, encode),
      },
    },
  };
}
