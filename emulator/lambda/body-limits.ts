import type { IncomingMessage } from 'node:http';
import type { BodyLimit } from '../protocol/http';
import { lambdaError } from './errors';
import { payloadLimit, payloadTooLarge } from './invoke';

/** A CreateFunction or UpdateFunctionCode body: a 50 MB zip in base64, and the rest of the request. */
const MAX_CODE_REQUEST_BYTES = 70_167_211;
const MAX_OTHER_REQUEST_BYTES = 6_291_456;

/**
 * What Lambda reads of a request body: an Invoke payload up to its invocation type's limit, a
 * function's code up to 50 MB zipped (about 70 MB of JSON), anything else up to 6 MB; a larger body
 * is refused unread with the error Lambda answers for it.
 */
export function lambdaBodyLimit(operation: string, req: IncomingMessage): BodyLimit {
  if (operation === 'Invoke') {
    const type = req.headers['x-amz-invocation-type'];
    const invocationType = typeof type === 'string' ? type : undefined;
    return { bytes: payloadLimit(invocationType), tooLarge: () => payloadTooLarge(invocationType) };
  }
  const bytes = operation === 'CreateFunction' || operation === 'UpdateFunctionCode' ? MAX_CODE_REQUEST_BYTES : MAX_OTHER_REQUEST_BYTES;
  return { bytes, tooLarge: () => lambdaError('RequestEntityTooLargeException', `Request must be smaller than ${bytes} bytes for the ${operation} operation`) };
}
