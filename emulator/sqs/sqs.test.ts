import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';
import { md5OfMessageAttributes } from './messages';

const env = useEmulator();

async function queue(attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await env.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('q'), Attributes: attributes }));
  return QueueUrl!;
}

describe('SQS through the SDK v3 (JSON protocol)', () => {
  it('creates a queue, finds its URL, and answers the same URL for the same attributes', async () => {
    const name = uniqueName('orders-dlq');
    const created = await env.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '10' } }));
    expect(created.QueueUrl).toBe(`${env.endpoint}/000000000000/${name}`);
    expect((await env.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(created.QueueUrl);
    expect((await env.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '10' } }))).QueueUrl).toBe(created.QueueUrl);
    const clash = await errorOf(() => env.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '20' } })));
    expect(clash.name).toBe('QueueNameExists');
    const missing = await errorOf(() => env.sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    expect(missing.message).toBe('The specified queue does not exist.');
  });

  it('sends, receives with a visibility timeout, and deletes; the SDK checks both MD5s', async () => {
    const QueueUrl = await queue();
    const MessageAttributes = { kind: { DataType: 'String', StringValue: 'order' }, n: { DataType: 'Number', StringValue: '3' } };
    const sent = await env.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"orderId":"o-1"}', MessageAttributes }));
    expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(MessageAttributes));

    const first = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 30, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(first.Messages).toHaveLength(1);
    const [message] = first.Messages!;
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: '{"orderId":"o-1"}', MessageAttributes, Attributes: { ApproximateReceiveCount: '1' } });
    // In flight: invisible to the next receive.
    expect((await env.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    const counts = await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(counts.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });

    // Made visible again, it is received again with a new handle and a higher receive count.
    await env.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message!.ReceiptHandle!, VisibilityTimeout: 0 }));
    const again = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'] }));
    expect(again.Messages![0]).toMatchObject({ MessageId: sent.MessageId, Attributes: { ApproximateReceiveCount: '2' } });
    await env.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.Messages![0]!.ReceiptHandle! }));
    const after = await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(after.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', VisibilityTimeout: '30' });
    expect(await errorOf(() => env.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })))).toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('long polling answers as soon as a message arrives', async () => {
    const QueueUrl = await queue();
    const polling = env.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await env.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
    expect((await polling).Messages?.[0]?.Body).toBe('late');
  });

  it('SetQueueAttributes and GetQueueAttributes; bad names and values are refused', async () => {
    const QueueUrl = await queue();
    await env.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '5', RedrivePolicy: '{"maxReceiveCount":"3"}' } }));
    const { Attributes } = await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds', 'RedrivePolicy', 'QueueArn'] }));
    expect(Attributes).toEqual({ DelaySeconds: '5', RedrivePolicy: '{"maxReceiveCount":"3"}', QueueArn: expect.stringMatching(/^arn:aws:sqs:us-east-1:000000000000:q-/) });
    // A delayed message is not received before its delay.
    await env.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later' }));
    expect((await env.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    expect((await errorOf(() => env.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Colour: 'blue' } as Record<string, string> })))).name).toBe('InvalidAttributeName');
    expect((await errorOf(() => env.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '-1' } })))).name).toBe('InvalidParameterValue');
    expect((await errorOf(() => env.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })))).name).toBe('InvalidParameterValue');
  });
});
