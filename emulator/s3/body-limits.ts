import { AwsError } from '../core/aws-error';
import type { BodyLimit } from '../protocol/http';

/** The largest object a single PUT (or one part of a multipart upload) takes: 5 GiB. */
export const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
/** The other requests carry XML documents (configurations, DeleteObjects' key list). */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * What S3 reads of a request body. An object (PutObject, UploadPart) up to 5 GiB: S3 judges the
 * declared length and answers `EntityTooLarge` with the sizes before reading; an XML document up
 * to 1 MiB, `MaxMessageLengthExceeded` beyond.
 */
export function s3BodyLimit(operation: string): BodyLimit {
  if (operation === 'PutObject' || operation === 'UploadPart') {
    return {
      bytes: MAX_OBJECT_BYTES,
      tooLarge: (size) =>
        new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: size, MaxSizeAllowed: MAX_OBJECT_BYTES }),
    };
  }
  return { bytes: MAX_DOCUMENT_BYTES, tooLarge: () => new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400) };
}
