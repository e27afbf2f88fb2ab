import { createHash } from 'node:crypto';
import type { FeedMessage, ObjectStore } from '../ports/index.js';

/** SNS and SQS take 256 KiB per message, attributes included; above this a body travels by S3 pointer, leaving room for the pointer's own attributes. */
export const CLAIM_CHECK_BYTES = 240 * 1024;

/** Where bodies too large for a message are kept: the `feed-payloads` bucket. */
export interface FeedPayloads {
  readonly bucket: string;
  readonly store: ObjectStore;
}

/** Bytes SNS and SQS count for a message: its body plus each attribute's name, data type and value. */
export function messageBytes(message: FeedMessage): number {
  let bytes = Buffer.byteLength(message.body, 'utf8');
  for (const [name, value] of Object.entries(message.attributes ?? {}))
    bytes += Buffer.byteLength(name, 'utf8') + 'String'.length + Buffer.byteLength(value, 'utf8');
  return bytes;
}

/** The key of an event's full body: `<feed>/<sha256 of the event id>/<view>.json` (ids hold slashes; the hash keeps keys flat and bounded). */
export function payloadKey(feed: string, eventId: string, view: string): string {
  return `${feed}/${createHash('sha256').update(eventId).digest('hex')}/${view}.json`;
}

interface EventShape {
  readonly id?: unknown;
  readonly source?: unknown;
  readonly data?: { readonly view?: unknown };
  readonly [field: string]: unknown;
}

/**
 * The message as it may travel: unchanged when it fits, otherwise its full body is stored in
 * the payload bucket and the body becomes the event without `data`, with a CloudEvents
 * `dataref` naming the object. The signature stays the full event's: a subscriber fetches
 * the object, puts `data` back, drops `dataref` and verifies.
 */
export async function claimChecked(message: FeedMessage, payloads: FeedPayloads | undefined): Promise<FeedMessage> {
  if (messageBytes(message) <= CLAIM_CHECK_BYTES) return message;
  const event = JSON.parse(message.body) as EventShape;
  const feed = typeof event.source === 'string' ? event.source.split('/').at(-1) : undefined;
  const view = message.attributes?.view ?? event.data?.view;
  if (typeof event.id !== 'string' || !feed || typeof view !== 'string')
    throw new Error(
      `a feed message of ${messageBytes(message)} bytes is over the limit and is not a feed event (id, source, view) that could travel by pointer`,
    );
  if (!payloads) throw new Error(`feed event ${event.id} (${messageBytes(message)} bytes) is over the message limit and no payload bucket is configured`);
  const key = payloadKey(feed, event.id, view);
  await payloads.store.put(key, message.body, { contentType: 'application/cloudevents+json' });
  const { data: _data, ...head } = event;
  return { ...message, body: JSON.stringify({ ...head, dataref: `s3://${payloads.bucket}/${key}` }) };
}
