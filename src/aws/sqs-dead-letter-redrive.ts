import { createHash } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * Moves what a subscriber's dead-letter queue holds back to its queue, batch after batch in the
 * order received, so a record's events stay in order. On a FIFO queue each message keeps its
 * group (the record) and gets a deduplication id of this redrive's own: the original one may still
 * be inside the queue's 5-minute window. A message is deleted from the dead-letter queue only once
 * the queue took it. SQS's own StartMessageMoveTask does the same in AWS, but not on every
 * emulator; this works wherever SendMessageBatch does.
 */
export async function redriveDeadLetters(sqs: SQSClient, from: string, to: string, redriveId: string): Promise<{ readonly moved: number }> {
  const fifo = to.endsWith('.fifo');
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 120,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    if (Messages.length === 0) return { moved };
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: to, Entries: Messages.map((m, i) => entryOf(m, i, fifo, redriveId)) }));
    if ((sent.Failed ?? []).length > 0) {
      const [first] = sent.Failed!;
      throw new Error(`redrive to ${to}: ${sent.Failed!.length} message(s) refused (${first?.Code}: ${first?.Message}); they stay in ${from}`);
    }
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: from, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    moved += Messages.length;
  }
}

function entryOf(message: Message, index: number, fifo: boolean, redriveId: string) {
  const original = message.Attributes?.MessageDeduplicationId ?? message.MessageId ?? String(index);
  return {
    Id: String(index),
    MessageBody: message.Body ?? '',
    ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
    ...(fifo
      ? {
          MessageGroupId: message.Attributes?.MessageGroupId ?? 'redrive',
          MessageDeduplicationId: createHash('sha256').update(`redrive:${redriveId}\n${original}`).digest('hex'),
        }
      : {}),
  };
}
