import packageJson from '../../package.json' with { type: 'json' };
import { FEED_ENTITIES, FEED_IDS, FEED_VIEWS, type FeedId } from './feeds.js';
import { FEED_TITLES, entitiesOf, feedTopicName } from './asyncapi/feed-info.js';
import { feedMessage, messageKey } from './asyncapi/messages.js';
import { dataSchema, dataSchemaName, feedEventHeadSchema, feedEventSchema, recordSchema, recordSchemaName, type Schema } from './asyncapi/schemas.js';

/**
 * The AsyncAPI 3.0 description of the three feeds, from FEED_ENTITIES: a channel per feed (its
 * FIFO topic), a receive operation per feed, a message per entity and action named by its
 * CloudEvents type, and the schemas of the event, its data and each view of each record.
 */

const SERVER = 'subscriber-queues';

function description(base: string): string {
  return [
    'Events of the 同源 (tongyuan) feeds: what happened to a published record, as CloudEvents 1.0 in structured JSON mode.',
    '',
    '**Delivery.** Each feed is a FIFO SNS topic. Each subscriber receives its own SQS queue URL when enrolled (`tongyuan-feed-<subscriber>.fifo` for per-record ordering, a standard queue otherwise), ' +
      'subscribed with raw message delivery and a filter policy on the message attributes (view, entity, action, district); events that take a record out of public view always pass the filter. ' +
      'Messages are grouped by record id (`subject`), so one record’s events arrive in order. A message received five times goes to the queue’s dead-letter queue.',
    '',
    '**Signature.** `signature` is a detached compact JWS (`<protected>..<signature>`, EdDSA over Ed25519) of the UTF-8 bytes of the event without `signature`, canonicalised with JCS (RFC 8785). ' +
      `The protected header names the key (\`kid\`); the public keys are at ${base}/.well-known/jwks.json, old keys kept after a rotation so earlier events still verify.`,
    '',
    '**Sequence and hash chain.** `sequence` numbers a feed’s events from 1 without gaps; `prevhash` is the base64url SHA-256 of the JCS-canonical head (the event without `data` and `signature`) of the event before it, ' +
      'for the first event of the feed’s `source`. The chain is the same for every subscriber. A filter skips sequences: ' +
      `${base}/v1/feeds/{feed}/events?after=<n> answers the heads skipped, so a subscriber proves the chain unbroken. ` +
      'An event id can come again under a later sequence (a redelivery, or an expiry announced again by a later version of the record): drop it by id, and count its sequence as received.',
    '',
    '**Claim check.** A body over 240 KiB carries `dataref` (`s3://feed-payloads/…`) instead of `data`; fetch the object, put it back as `data`, drop `dataref`, then verify the signature.',
    '',
    '**Receipts.** Acknowledge consumption by sending `{"subscriber": "<id>", "receipts": [{"eventId", "feed", "sequence", "deliveredAt", "consumedAt"}]}` to the `feed-receipts` queue ' +
      '(`deliveredAt` is the SQS SentTimestamp as ISO 8601). Leaving events have statutory deadlines; receipts prove they were met.',
  ].join('\n');
}

function channel(feed: FeedId): Schema {
  const entities = entitiesOf(feed);
  return {
    address: feedTopicName(feed),
    title: `${FEED_TITLES[feed].zh} / ${FEED_TITLES[feed].en}`,
    description: `The ${feed} feed (${entities.map((e) => e.entity).join(', ')}), as delivered to a subscriber’s queue.`,
    servers: [{ $ref: `#/servers/${SERVER}` }],
    messages: Object.fromEntries(entities.flatMap((e) => e.actions.map((a) => [messageKey(e, a), { $ref: `#/components/messages/${messageKey(e, a)}` }]))),
    bindings: {
      sns: { name: feedTopicName(feed), ordering: { type: 'FIFO', contentBasedDeduplication: false }, bindingVersion: '0.1.0' },
      sqs: {
        queue: { name: 'tongyuan-feed-{subscriber}.fifo', fifoQueue: true, deduplicationScope: 'messageGroup', fifoThroughputLimit: 'perMessageGroupId' },
        bindingVersion: '0.2.0',
      },
    },
  };
}

function operation(feed: FeedId): Schema {
  const entities = entitiesOf(feed);
  return {
    action: 'receive',
    channel: { $ref: `#/channels/${feed}` },
    title: `Receive the ${feed} feed`,
    summary: `A subscriber receives ${feed} events from its queue.`,
    messages: entities.flatMap((e) => e.actions.map((a) => ({ $ref: `#/channels/${feed}/messages/${messageKey(e, a)}` }))),
    bindings: {
      sns: {
        consumers: [
          {
            protocol: 'sqs',
            endpoint: { name: 'tongyuan-feed-{subscriber}.fifo' },
            // The widest policy; a subscriber's narrows entity, action and district, and names its one view.
            filterPolicy: { view: [...FEED_VIEWS], entity: entities.map((e) => e.entity) },
            rawMessageDelivery: true,
          },
        ],
        bindingVersion: '0.1.0',
      },
    },
  };
}

function componentSchemas(): Record<string, Schema> {
  const schemas: Record<string, Schema> = { FeedEventHead: feedEventHeadSchema, FeedEvent: feedEventSchema };
  for (const e of FEED_ENTITIES) {
    schemas[dataSchemaName(e)] = dataSchema(e);
    for (const view of FEED_VIEWS) schemas[recordSchemaName(e, view)] = recordSchema(e, view);
  }
  return schemas;
}

/** The AsyncAPI 3.0.0 document of the feeds; links point at `publicBaseUrl` (no trailing slash). */
export function asyncApiDocument(publicBaseUrl: string): Record<string, unknown> {
  return {
    asyncapi: '3.0.0',
    id: 'urn:cn:gov:shaoxing:tongyuan:feeds',
    info: {
      title: '同源 feeds',
      version: packageJson.version,
      description: description(publicBaseUrl),
      license: { name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      externalDocs: { description: 'The feeds, their last sequence and their event heads', url: `${publicBaseUrl}/v1/feeds` },
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      [SERVER]: {
        host: 'sqs.{region}.amazonaws.com.cn',
        pathname: '/{accountId}',
        protocol: 'sqs',
        title: 'Subscriber queues',
        description:
          'Amazon SQS. Each subscriber receives its own queue URL (this host and path, then its queue name) and credentials allowed to receive from and delete on that queue only.',
        variables: {
          region: { default: 'cn-northwest-1', enum: ['cn-north-1', 'cn-northwest-1'], description: 'The AWS region of the deployment' },
          accountId: { description: 'The AWS account holding the queues' },
        },
      },
    },
    channels: Object.fromEntries(FEED_IDS.map((feed) => [feed, channel(feed)])),
    operations: Object.fromEntries(FEED_IDS.map((feed) => [`receive-${feed}`, operation(feed)])),
    components: {
      schemas: componentSchemas(),
      messages: Object.fromEntries(FEED_ENTITIES.flatMap((e) => e.actions.map((a) => [messageKey(e, a), feedMessage(e, a)]))),
    },
  };
}
