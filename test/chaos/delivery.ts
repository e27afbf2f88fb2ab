import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { EmbeddedStack } from '../../src/local/stack.js';
import type { FeedId } from '../../src/feeds/feeds.js';
import { subscriberQueueId } from '../../src/infra/subscriber-resources.js';
import { Consumer } from '../../src/subscriber/consumer.js';
import { SeenEvents } from '../../src/subscriber/dedupe.js';
import { s3Location } from '../../src/subscriber/message.js';
import { runSubscriber, type SubscriberQueue } from '../../src/subscriber/run.js';
import { SequenceTracker } from '../../src/subscriber/sequence-tracker.js';
import { EventVerifier, httpJwks } from '../../src/subscriber/verify.js';
import { result, type InvariantResult } from './invariants.js';

/** The reference subscriber the harness consumes as: every decision of the enforcement feed, no filter. */
export const SUBSCRIBER = { id: 'zhejiang-enforcement-supervision', feed: 'enforcement' as FeedId };

export interface Delivery {
  /** Messages the subscriber received that it had already handled, dropped by its dedupe. */
  readonly duplicatesReceived: number;
  /** Event ids accepted more than once: after dedupe, 0. */
  readonly duplicatesAccepted: number;
  readonly accepted: number;
  readonly invariant: InvariantResult;
}

/** The subscriber's queue on this run's messaging port (a restarted state directory keeps the first run's URL). */
function queueUrl(stack: EmbeddedStack, subscriberId: string): string {
  const provisioned = stack.provisioned.queueUrls.get(subscriberQueueId(subscriberId));
  if (!provisioned) throw new Error(`no queue for subscriber ${subscriberId}`);
  const url = new URL(provisioned);
  const running = new URL(stack.aws.messagingEndpoint);
  url.host = running.host;
  return url.href;
}

function sqsQueue(stack: EmbeddedStack, url: string): SubscriberQueue {
  const sqs = stack.app.clients.sqs;
  return {
    async receive() {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['SentTimestamp'] }),
      );
      return Messages.map((m) => ({ messageId: m.MessageId ?? '', body: m.Body ?? '', receiptHandle: m.ReceiptHandle ?? '', attributes: m.Attributes ?? {} }));
    },
    async delete(handles) {
      for (let i = 0; i < handles.length; i += 10)
        await sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: url, Entries: handles.slice(i, i + 10).map((ReceiptHandle, n) => ({ Id: String(n), ReceiptHandle })) }),
        );
    },
  };
}

/**
 * Every feed change delivered, exactly once after dedupe: the subscriber module drains the
 * queue (verifying signatures, dropping redeliveries by event id), and the ids it accepted
 * must be the feed log's ids, each once.
 */
export async function checkDelivery(stack: EmbeddedStack): Promise<Delivery> {
  const seen = new SeenEvents();
  const tracker = new SequenceTracker(Number.POSITIVE_INFINITY);
  const accepted: string[] = [];
  const problems: string[] = [];
  const fetchObject = async (uri: string) => {
    const { bucket, key } = s3Location(uri);
    const object = await stack.app.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!object.Body) throw new Error('empty object');
    return object.Body.transformToString('utf8');
  };
  const api: typeof fetch = async (input, init) => stack.api.request(input, init);
  const summary = await runSubscriber({
    consumer: new Consumer({ verifier: new EventVerifier(httpJwks('http://localhost/.well-known/jwks.json', api)), seen, tracker, fetchObject }),
    tracker,
    queue: sqsQueue(stack, queueUrl(stack, SUBSCRIBER.id)),
    deliver: async (event) => void accepted.push(event.id),
    saveState: async () => undefined,
    report: (line) => problems.push(`subscriber: ${line}`),
    now: () => new Date(),
    once: true,
  });
  const logged: string[] = [];
  for await (const page of stack.app.feedLog().read(SUBSCRIBER.feed, { after: 0 })) for (const entry of page) logged.push(entry.head.id);
  const acceptedSet = new Set(accepted);
  const loggedSet = new Set(logged);
  const duplicatesAccepted = accepted.length - acceptedSet.size;
  if (duplicatesAccepted > 0) problems.push(`${duplicatesAccepted} event id(s) accepted twice`);
  for (const id of logged) if (!acceptedSet.has(id)) problems.push(`event ${id} is in the ${SUBSCRIBER.feed} feed log, never delivered`);
  for (const id of acceptedSet) if (!loggedSet.has(id)) problems.push(`event ${id} delivered, not in the ${SUBSCRIBER.feed} feed log`);
  return {
    duplicatesReceived: summary.duplicates,
    duplicatesAccepted,
    accepted: accepted.length,
    invariant: result(
      'every feed change delivered exactly once after dedupe',
      problems,
      `${logged.length} events in the ${SUBSCRIBER.feed} feed log, ${accepted.length} accepted by ${SUBSCRIBER.id}, ${summary.duplicates} duplicate(s) received and dropped, ${summary.rejected} rejected`,
    ),
  };
}
