import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/aws-error';
import { functionErrorFailure, lambdaServiceFailure, parsePayload } from './lambda-errors';

const result = (payload: string) => ({ statusCode: 200, payload: Buffer.from(payload), functionError: 'Unhandled', executedVersion: '$LATEST' });

describe('Lambda failures as Step Functions reports them', () => {
  it('uses the errorType of a function error, with the whole payload as the cause', () => {
    const payload = '{"errorType":"OrderRejected","errorMessage":"too high","trace":[]}';
    const failure = functionErrorFailure(result(payload));
    expect(failure.name).toBe('OrderRejected');
    expect(failure.message).toBe(payload);
  });

  it('reports Lambda.Unknown when the function error carries no errorType', () => {
    for (const payload of ['{"errorMessage":"Task timed out after 3.00 seconds"}', 'not json', 'null']) {
      const failure = functionErrorFailure(result(payload));
      expect(failure.name).toBe('Lambda.Unknown');
      expect(failure.message).toBe(`The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`);
    }
  });

  it('turns service errors into Lambda.<ErrorCode> with the Java SDK cause text', () => {
    const failure = lambdaServiceFailure(new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429), 'req-1');
    expect(failure.name).toBe('Lambda.TooManyRequestsException');
    expect(failure.message).toBe('Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: req-1; Proxy: null)');
  });

  it('treats anything else that stops the invocation as Lambda.ServiceException', () => {
    const failure = lambdaServiceFailure(new Error('worker crashed'), 'req-2');
    expect(failure.name).toBe('Lambda.ServiceException');
    expect(failure.message).toBe('worker crashed (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; Request ID: req-2; Proxy: null)');
  });

  it('hands on JSON payloads parsed and anything else as text', () => {
    expect(parsePayload(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parsePayload(Buffer.from('plain'))).toBe('plain');
  });
});
