import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the deployer sends its calls: the emulator's endpoint, as any SDK user would. */
export interface Connection {
  endpoint: string;
  region: string;
  credentials: Credentials;
}

/**
 * The AWS SDK v3 clients the providers call, made on first use and pointed at the emulator. The
 * deployer speaks to the emulator over HTTP like any other SDK user, so it deploys into an
 * emulator in another process as well as into one in this process.
 */
export class Clients {
  private made = new Map<string, { destroy(): void }>();

  constructor(readonly connection: Connection) {}

  private get<T extends { destroy(): void }>(name: string, make: (config: object) => T): T {
    let client = this.made.get(name) as T | undefined;
    if (!client) {
      client = make({ ...this.connection, maxAttempts: 3 });
      this.made.set(name, client);
    }
    return client;
  }

  get events() {
    return this.get('events', (c) => new EventBridgeClient(c));
  }
  get logs() {
    return this.get('logs', (c) => new CloudWatchLogsClient(c));
  }
  get sqs() {
    return this.get('sqs', (c) => new SQSClient(c));
  }
  get lambda() {
    return this.get('lambda', (c) => new LambdaClient(c));
  }
  get apigateway() {
    return this.get('apigateway', (c) => new APIGatewayClient(c));
  }
  get sfn() {
    return this.get('sfn', (c) => new SFNClient(c));
  }
  get s3() {
    // Path style: the emulator's endpoint is a loopback address, as the CDK CLI addresses it.
    return this.get('s3', (c) => new S3Client({ ...c, forcePathStyle: true }));
  }
  get ssm() {
    return this.get('ssm', (c) => new SSMClient(c));
  }
  get iam() {
    return this.get('iam', (c) => new IAMClient(c));
  }
  get dynamodb() {
    return this.get('dynamodb', (c) => new DynamoDBClient(c));
  }

  destroy(): void {
    for (const client of this.made.values()) client.destroy();
    this.made.clear();
  }
}
