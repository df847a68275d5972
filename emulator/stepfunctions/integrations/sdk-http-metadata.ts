// How the headers of the services' responses are spelled in Step Functions output (it reports them
// as the Java SDK received them, not in Node's lower case).
const CANONICAL: Record<string, string> = {
  connection: 'Connection',
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  date: 'Date',
  server: 'Server',
  'x-amz-crc32': 'x-amz-crc32',
  'x-amzn-requestid': 'x-amzn-RequestId',
  'x-amz-executed-version': 'X-Amz-Executed-Version',
  'x-amzn-remapped-content-length': 'x-amzn-Remapped-Content-Length',
  'x-amzn-trace-id': 'X-Amzn-Trace-Id',
};

/**
 * The `SdkHttpMetadata` and `SdkResponseMetadata` members that optimised integrations (Lambda
 * invoke, DynamoDB) add to the service's response: every header twice, as a list and as a value.
 */
export function sdkResponseMetadata(statusCode: number, headers: Record<string, string>, requestId: string) {
  const named = Object.entries(headers).map(([name, value]) => [CANONICAL[name.toLowerCase()] ?? name, value] as const);
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(named.map(([name, value]) => [name, [value]])),
      HttpHeaders: Object.fromEntries(named),
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
