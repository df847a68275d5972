import { CreateFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';
import { handlerZip, TEST_ROLE } from './testing';

const aws = useEmulator();

const answering = (text: string) => handlerZip({ 'index.js': `exports.handler = async () => ${JSON.stringify(text)};` });

describe('Lambda code from S3', () => {
  it('creates and updates a function from Code.S3Bucket/S3Key in the emulator’s S3', async () => {
    const bucket = uniqueName('code').toLowerCase();
    await aws.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'v1.zip', Body: answering('one') }));
    await aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'v2.zip', Body: answering('two') }));
    const name = uniqueName('from-s3');
    await aws.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { S3Bucket: bucket, S3Key: 'v1.zip' } }));
    const first = await aws.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(Buffer.from(first.Payload!).toString()).toBe('"one"');
    await aws.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, S3Bucket: bucket, S3Key: 'v2.zip' }));
    await waitUntilFunctionUpdatedV2({ client: aws.lambda, maxWaitTime: 30 }, { FunctionName: name });
    const second = await aws.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(Buffer.from(second.Payload!).toString()).toBe('"two"');

    const noKey = await errorOf(() => aws.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, S3Bucket: bucket, S3Key: 'missing.zip' })));
    expect(noKey).toMatchObject({ name: 'InvalidParameterValueException', message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.' });
    const noBucket = await errorOf(() => aws.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, S3Bucket: `${bucket}-none`, S3Key: 'v1.zip' })));
    expect(noBucket.message).toContain('S3 Error Code: NoSuchBucket');
  });
});
