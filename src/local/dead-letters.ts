import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { resources } from '../infra/resources.js';

/** A pipeline queue's messages set aside for good: the normalize or publish dead-letter queue, a stream's on-failure queue. */
export interface DeadLettered {
  readonly queue: string;
  readonly messages: number;
}

/**
 * The stack's own dead-letter queues, by model id: each pipeline queue's `-dlq` (the queues of
 * the resource model; subscribers' queues are added from their files and their dead letters are
 * theirs to watch with `tongyuan feeds status` and `feeds redrive`) and each stream mapping's
 * `-stream-failures`.
 */
export const pipelineDeadLetterIds = (queueIds: Iterable<string>): string[] => {
  const pipeline = new Set(resources.queues.map((q) => `${q.id}-dlq`));
  return [...queueIds].filter((id) => pipeline.has(id) || id.endsWith('-stream-failures')).sort();
};

/**
 * What the pipeline's dead-letter queues hold after a cycle. A message there was received
 * maxReceiveCount times without success (a batch that kept failing, or a process killed each
 * time it held it): its records are not lost — the raw batch stays in the raw zone and the
 * message in the queue — but the cycle did not carry them through, so it is not clean.
 */
export async function pipelineDeadLetters(sqs: SQSClient, queueUrls: ReadonlyMap<string, string>): Promise<DeadLettered[]> {
  const found: DeadLettered[] = [];
  for (const id of pipelineDeadLetterIds(queueUrls.keys())) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrls.get(id)!, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    const messages = Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (messages > 0) found.push({ queue: id, messages });
  }
  return found;
}
