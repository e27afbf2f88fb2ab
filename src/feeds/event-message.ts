import { createHash } from 'node:crypto';
import type { FeedSigner } from '../ports/signing-keys.js';
import type { FeedMessage } from '../ports/messages.js';
import type { StoredVersion } from '../ssot/model.js';
import { jcs } from './canonical.js';
import type { FeedEvent, FeedEventData, FeedLogEntry } from './event.js';
import type { FeedView } from './feeds.js';
import { renderRecord } from './views.js';

/** The message attributes subscriptions filter on (SNS filter policies; src/feeds/subscriber-filter.ts). */
export interface FeedMessageAttributes {
  readonly type: string;
  readonly entity: string;
  readonly action: string;
  readonly district: string;
  readonly view: FeedView;
  readonly [name: string]: string;
}

export const attributesOf = (entry: FeedLogEntry, view: FeedView): FeedMessageAttributes => ({
  type: entry.head.type,
  entity: entry.change.entity,
  action: entry.change.action,
  district: entry.change.district,
  view,
});

/**
 * The data of a logged event as `view` shows it. `version` is the SSOT version the entry names,
 * disclosed (free text redacted); a leaving event carries only the record's identity and why.
 */
export function eventData(entry: FeedLogEntry, version: StoredVersion, view: FeedView): FeedEventData {
  const { change } = entry;
  const record = change.carriesRecord ? renderRecord(entry.feed, change.entity, version, view) : undefined;
  return {
    recordType: change.recordType,
    recordId: change.recordId,
    version: change.version,
    contentHash: change.contentHash,
    view,
    ...(record ? { record } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.publicUntil ? { publicUntil: change.publicUntil } : {}),
  };
}

/** The signed event, as bytes would travel: the signature covers the JCS form of everything else. */
export async function signedEvent(entry: FeedLogEntry, data: FeedEventData, signer: FeedSigner): Promise<FeedEvent> {
  const unsigned = { ...entry.head, data };
  const signature = await signer.signDetached(new TextEncoder().encode(jcs(unsigned)));
  return { ...unsigned, signature };
}

/**
 * The transport message of a signed event: grouped by record (FIFO order per record), its
 * deduplication id the event's source, id and view. CloudEvents names an event by source and
 * id: a decision on the enforcement and the yrd feeds is two events with one id, and a queue
 * subscribed to both must keep both (the two views of one event are two messages too).
 */
export function feedMessage(event: FeedEvent, entry: FeedLogEntry, view: FeedView): FeedMessage {
  return {
    body: JSON.stringify(event),
    attributes: attributesOf(entry, view),
    groupId: event.subject,
    deduplicationId: createHash('sha256').update(`${event.source}\n${event.id}\n${view}`).digest('hex'),
  };
}
