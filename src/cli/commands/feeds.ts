import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { freeTextColumns } from '../../app/record-type-rules.js';
import { S3ObjectStore } from '../../aws/s3-object-store.js';
import { SqsFeedSender } from '../../aws/sqs-feed-sender.js';
import { SqsQueueStats } from '../../aws/sqs-queue-stats.js';
import { redriveDeadLetters } from '../../aws/sqs-dead-letter-redrive.js';
import { ConfigError } from '../../config/catalog.js';
import { auditDeliveries, auditRows } from '../../feeds/delivery-audit.js';
import { parseReplayStart, replayFeeds, type ReplayStart } from '../../feeds/replay.js';
import { JwkFeedSigner } from '../../feeds/signature.js';
import type { SubscriberConfig } from '../../generated/subscriber.types.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

function subscriberNamed(subscribers: readonly SubscriberConfig[], id: string, command: string): SubscriberConfig {
  const found = subscribers.find((s) => s.id === id);
  if (!found) throw new ConfigError(`feeds ${command}: no subscriber "${id}" (configured: ${subscribers.map((s) => s.id).join(', ') || 'none'})`);
  return found;
}

function startOf(since: string | undefined): ReplayStart {
  if (since === undefined) throw new ConfigError('feeds replay: --since is required: a sequence number (1 replays everything) or an ISO time');
  try {
    return parseReplayStart(since);
  } catch (error) {
    throw new ConfigError(`feeds replay: --${(error as Error).message}`);
  }
}

export const feedsReplayCommand: CliCommand = {
  path: ['feeds', 'replay'],
  usage: 'feeds replay <subscriber> --since <sequence|ISO time>',
  summary:
    "send a subscriber again what its feeds logged from a sequence or a time on, straight to its queue (never the topic): original ids and sequences, its filter and view, signed with today's key; --since 1 backfills a new subscriber",
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { since: { type: 'string' } } });
    if (positionals.length !== 1) throw new ConfigError('feeds replay: name one subscriber (see `tongyuan subscribers list`)');
    const since = startOf(values.since);
    const app = connectToRunningStack(io.env);
    const subscriber = subscriberNamed((await app.catalog()).subscribers, positionals[0]!, 'replay');
    const keys = app.signingKeys();
    // Events over 240 KiB travel by pointer to the feed-payloads bucket, as on the topic.
    const payloads = app.config.resources.bucket('feed-payloads');
    const queueUrl = await new SqsQueueStats(app.clients.sqs, app.config.env).subscriberQueueUrl(subscriber);
    const replayId = randomUUID();
    io.say(`replaying to ${subscriber.id} (${queueUrl}), replay ${replayId}`);
    const counts = await replayFeeds(subscriber, since, {
      log: app.feedLog(),
      records: app.recordStore(),
      signer: new JwkFeedSigner(() => keys.keySet()),
      sender: new SqsFeedSender(app.clients.sqs, { bucket: payloads, store: new S3ObjectStore(app.clients.s3, payloads) }),
      queueUrl,
      replayId,
      freeTextColumns,
    });
    io.out(['feed', 'read', 'sent', 'first sequence', 'last sequence'].join('\t'));
    for (const c of counts) io.out([c.feed, String(c.read), String(c.sent), String(c.firstSequence ?? '-'), String(c.lastSequence ?? '-')].join('\t'));
    io.say(`${counts.reduce((n, c) => n + c.sent, 0)} events sent to ${subscriber.id}`);
    return 0;
  },
};

export const feedsAuditCommand: CliCommand = {
  path: ['feeds', 'audit'],
  usage: 'feeds audit [subscriber] [--json]',
  summary:
    'per subscriber: events sent and consumed, waiting and in flight in its queue, dead-lettered, and how far its receipts trail each feed (sequence lag)',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    if (positionals.length > 1) throw new ConfigError('feeds audit: name at most one subscriber');
    const app = connectToRunningStack(io.env);
    const { subscribers } = await app.catalog();
    const chosen = positionals[0] === undefined ? subscribers : [subscriberNamed(subscribers, positionals[0], 'audit')];
    const audits = await auditDeliveries(chosen, {
      deliveries: app.deliveryLedger(),
      log: app.feedLog(),
      queues: new SqsQueueStats(app.clients.sqs, app.config.env),
    });
    if (values.json) {
      io.out(JSON.stringify(audits));
      return 0;
    }
    for (const row of auditRows(audits)) io.out(row);
    if (audits.length === 0) io.say('no subscribers are configured (subscribers/*.yaml)');
    return 0;
  },
};

export const feedsRedriveCommand: CliCommand = {
  path: ['feeds', 'redrive'],
  usage: 'feeds redrive <subscriber>',
  summary: "move what a subscriber's dead-letter queue holds back to its queue, in order, each record's events in their group",
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new ConfigError('feeds redrive: name one subscriber (see `tongyuan subscribers list`)');
    const app = connectToRunningStack(io.env);
    const subscriber = subscriberNamed((await app.catalog()).subscribers, positionals[0]!, 'redrive');
    const stats = new SqsQueueStats(app.clients.sqs, app.config.env);
    const queueUrl = await stats.subscriberQueueUrl(subscriber);
    const deadLetterUrl = await stats.deadLetterUrlOf(queueUrl);
    if (!deadLetterUrl) throw new ConfigError(`subscriber ${subscriber.id}: its queue ${queueUrl} names no dead-letter queue`);
    const { moved } = await redriveDeadLetters(app.clients.sqs, deadLetterUrl, queueUrl, randomUUID());
    io.say(`${moved} message(s) moved from ${deadLetterUrl} back to ${queueUrl}`);
    return 0;
  },
};

export const feedsCommands: readonly CliCommand[] = [feedsReplayCommand, feedsAuditCommand, feedsRedriveCommand];
