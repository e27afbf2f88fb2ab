import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { redriveDeadLetters } from '../../../src/aws/sqs-dead-letter-redrive.js';
import { SqsQueueStats } from '../../../src/aws/sqs-queue-stats.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

describe("redriving a subscriber's dead-letter queue", () => {
  let aws: SharedAws;
  let queueUrl: string;
  let deadLetterUrl: string;

  beforeAll(async () => {
    aws = await useSharedAws();
    const { sqs } = aws.clients;
    const suffix = uniqueSuffix();
    deadLetterUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `redrive-${suffix}-dlq.fifo`, Attributes: { FifoQueue: 'true' } }))).QueueUrl!;
    const deadLetterArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    queueUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: `redrive-${suffix}.fifo`,
          Attributes: { FifoQueue: 'true', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: 5 }) },
        }),
      )
    ).QueueUrl!;
  });

  it('moves every message back to the queue named by the redrive policy, each record in order in its group, attributes kept, and empties the dead-letter queue', async () => {
    const { sqs } = aws.clients;
    expect(await new SqsQueueStats(sqs).deadLetterUrlOf(queueUrl)).toBe(deadLetterUrl);
    const sent = [
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
      ['b', 2],
    ] as const;
    for (const [record, version] of sent)
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: deadLetterUrl,
          MessageBody: JSON.stringify({ subject: record, version }),
          MessageGroupId: record,
          MessageDeduplicationId: `${record}-${version}`,
          MessageAttributes: { view: { DataType: 'String', StringValue: 'public' } },
        }),
      );
    expect(await redriveDeadLetters(sqs, deadLetterUrl, queueUrl, 'r1')).toEqual({ moved: 5 });
    const received: { subject: string; version: number; view?: string; group?: string }[] = [];
    for (let empty = 0; empty < 2 && received.length < 5;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['MessageGroupId'],
        }),
      );
      empty = Messages.length === 0 ? empty + 1 : 0;
      for (const m of Messages)
        received.push({
          ...(JSON.parse(m.Body!) as { subject: string; version: number }),
          view: m.MessageAttributes?.view?.StringValue,
          group: m.Attributes?.MessageGroupId,
        });
      // A FIFO queue hands out a group's next message once the one before it is gone.
      if (Messages.length > 0)
        await sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle! })) }),
        );
    }
    expect(received.filter((m) => m.subject === 'a').map((m) => m.version)).toEqual([1, 2, 3]);
    expect(received.filter((m) => m.subject === 'b').map((m) => m.version)).toEqual([1, 2]);
    expect(received.every((m) => m.view === 'public' && m.group === m.subject)).toBe(true);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterUrl, MaxNumberOfMessages: 10 }))).Messages ?? []).toHaveLength(0);
  });
});
