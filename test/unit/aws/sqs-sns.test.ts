import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_ATTEMPTS } from '../../../src/aws/retry.js';
import { SnsFeedPublisher } from '../../../src/aws/sns-publisher.js';
import { SqsSender } from '../../../src/aws/sqs-sender.js';
import { noBackoff } from './mock-clients.js';

const offline = { region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

describe('SQS sender and SNS publisher', () => {
  const sqs = new SQSClient(offline);
  const sns = new SNSClient(offline);
  const sqsMock = mockClient(sqs);
  const snsMock = mockClient(sns);
  beforeEach(() => {
    sqsMock.reset();
    snsMock.reset();
    noBackoff();
  });
  afterEach(() => vi.restoreAllMocks());

  it('sends in batches of ten and resends only the refused entries', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '3', Code: 'InternalError', SenderFault: false }] })
      .resolves({});
    await new SqsSender(sqs, 'https://queue/normalize').send(
      Array.from({ length: 12 }, (_, i) => `m${i}`),
      { delaySeconds: 5 },
    );
    const batches = sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Entries!.map((e) => e.Id))).toEqual([['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], ['3'], ['10', '11']]);
    expect(batches[1]).toMatchObject({ QueueUrl: 'https://queue/normalize', Entries: [{ MessageBody: 'm3', DelaySeconds: 5 }] });
  });

  it('gives up on a publish after the attempt limit, naming the topic', async () => {
    snsMock.on(PublishBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'Throttled', Message: 'slow down', SenderFault: false }] });
    await expect(new SnsFeedPublisher(sns, 'arn:topic').publish([{ body: 'e', attributes: { type: 'x' } }])).rejects.toThrow(
      `SNS topic arn:topic refused 1 message(s) after ${MAX_BATCH_ATTEMPTS} attempts: Throttled: slow down`,
    );
    expect(snsMock.commandCalls(PublishBatchCommand)).toHaveLength(MAX_BATCH_ATTEMPTS);
    expect(snsMock.commandCalls(PublishBatchCommand)[0]!.args[0].input.PublishBatchRequestEntries![0]!.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'x' },
    });
  });
});
