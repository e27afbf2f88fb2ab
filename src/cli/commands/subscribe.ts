import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../aws/clients.js';
import { ConfigError } from '../../config/catalog.js';
import { loadRuntimeConfig } from '../../config/runtime-config.js';
import { Consumer, eventLine } from '../../subscriber/consumer.js';
import { emptyState, loadState, saveState, SeenEvents } from '../../subscriber/dedupe.js';
import { s3Location } from '../../subscriber/message.js';
import { subscriberOfQueue } from '../../subscriber/receipts.js';
import { runSubscriber, summaryLine, type SubscriberQueue } from '../../subscriber/run.js';
import { SequenceTracker } from '../../subscriber/sequence-tracker.js';
import { EventVerifier, httpJwks } from '../../subscriber/verify.js';
import type { CliCommand } from '../command.js';

/** Events a missing sequence may wait for, in a long run, before it is reported as a gap. */
const DEFAULT_GRACE_EVENTS = 1000;

/** The subscriber queue through SQS: long polls of up to 10 messages, with the time each was sent. */
const sqsQueue = (clients: AwsClients, queueUrl: string, say: (line: string) => void): SubscriberQueue => ({
  async receive() {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageSystemAttributeNames: ['SentTimestamp'] }),
    );
    return Messages.map((m) => ({ messageId: m.MessageId ?? '', body: m.Body ?? '', receiptHandle: m.ReceiptHandle ?? '', attributes: m.Attributes ?? {} }));
  },
  async delete(handles) {
    for (let i = 0; i < handles.length; i += 10) {
      const entries = handles.slice(i, i + 10).map((ReceiptHandle, n) => ({ Id: String(n), ReceiptHandle }));
      const { Failed = [] } = await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      // Not deleted means redelivered later, and then seen as a duplicate: worth a notice, not a failure.
      if (Failed.length > 0)
        say(`${queueUrl}: ${Failed.length} message(s) not deleted (${Failed[0]?.Message ?? Failed[0]?.Code}); they come back as duplicates`);
    }
  },
});

const fetchS3 = (clients: AwsClients) => async (uri: string) => {
  const { bucket, key } = s3Location(uri);
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error('empty object');
  return object.Body.transformToString('utf8');
};

const sendReceipt = (clients: AwsClients, queueUrl: string, subscriber: string) => async (body: string) => {
  const fifo = queueUrl.endsWith('.fifo') ? { MessageGroupId: subscriber, MessageDeduplicationId: createHash('sha256').update(body).digest('hex') } : {};
  await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, ...fifo }));
};

export const subscribeCommand: CliCommand = {
  path: ['subscribe'],
  usage: 'subscribe <queue-url> [--jwks <url>] [--out <file.jsonl>] [--state <file>] [--receipts <queue-url>] [--subscriber <id>] [--once] [--grace <n>]',
  summary: 'consume a feed queue as a partner would: verify signatures, report gaps and broken chains, drop redeliveries, acknowledge with receipts',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        jwks: { type: 'string' },
        out: { type: 'string' },
        state: { type: 'string' },
        receipts: { type: 'string' },
        subscriber: { type: 'string' },
        once: { type: 'boolean', default: false },
        grace: { type: 'string' },
      },
    });
    const queueUrl = positionals[0];
    if (!queueUrl) throw new ConfigError('name the subscriber queue URL');
    // A FIFO queue orders per record only, and one record's backlog can hold back a sequence for
    // hundreds of events: a drain judges gaps when it is done; a long run after 1,000 events.
    const grace = values.grace === undefined ? (values.once ? Number.POSITIVE_INFINITY : DEFAULT_GRACE_EVENTS) : Number(values.grace);
    if (grace !== Number.POSITIVE_INFINITY && (!Number.isInteger(grace) || grace < 0))
      throw new ConfigError(`--grace must be a whole number of events; got "${values.grace}"`);
    const subscriber = values.subscriber ?? subscriberOfQueue(queueUrl);
    if (values.receipts && !subscriber) throw new ConfigError('--receipts needs the subscriber id: name it with --subscriber <id>');
    const config = loadRuntimeConfig(io.env);
    const jwksUrl = values.jwks ?? `${(config.publicBaseUrl ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')}/.well-known/jwks.json`;

    const state = values.state ? await loadState(values.state) : emptyState();
    const seen = new SeenEvents(state.seen);
    const tracker = new SequenceTracker(grace, state.feeds);
    const clients = createAwsClients(config.aws);
    let stopping = false;
    const stop = () => {
      stopping = true;
      io.say('stopping after this poll');
    };
    process.once('SIGINT', stop);
    try {
      const summary = await runSubscriber({
        consumer: new Consumer({ verifier: new EventVerifier(httpJwks(jwksUrl)), seen, tracker, fetchObject: fetchS3(clients) }),
        tracker,
        queue: sqsQueue(clients, queueUrl, (line) => io.say(line)),
        deliver: async (event) => (values.out ? appendFile(values.out, `${JSON.stringify(event)}\n`) : io.out(eventLine(event))),
        saveState: async () => (values.state ? saveState(values.state, { seen: seen.list(), feeds: tracker.positions() }) : undefined),
        ...(values.receipts && subscriber ? { sendReceipt: sendReceipt(clients, values.receipts, subscriber), subscriber } : {}),
        report: (line) => io.say(line),
        now: () => new Date(),
        once: values.once ?? false,
        stop: () => stopping,
      });
      io.say(summaryLine(summary));
      return summary.rejected + summary.gaps + summary.brokenChains > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
      destroyAwsClients(clients);
    }
  },
};
