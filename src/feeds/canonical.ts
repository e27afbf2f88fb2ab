import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FeedEventHead } from './event.js';
import { eventSource, type FeedId } from './feeds.js';

/** RFC 8785 (JCS) canonical JSON: what signatures and the hash chain are computed over. */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('jcs: the value has no JSON form');
  return text;
}

const sha256Base64Url = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url');

/** The head of an event as delivered: every attribute but `data` and `signature`. */
export function headOf(event: Readonly<Record<string, unknown>>): FeedEventHead {
  const { data: _data, signature: _signature, ...head } = event;
  return head as unknown as FeedEventHead;
}

/** The link the next event's `prevhash` must equal: base64url SHA-256 of the JCS head. */
export const headHash = (head: FeedEventHead): string => sha256Base64Url(jcs(head));

/** The `prevhash` of a feed's first event: the hash of its source, so every feed's chain has a known start. */
export const genesisHash = (feed: FeedId): string => sha256Base64Url(eventSource(feed));
