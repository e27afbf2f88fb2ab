/**
 * The shapes of a feed event, from what happened to a record (FeedChange) through its place
 * in the feed (FeedEventHead: sequence and hash chain) to what a subscriber receives
 * (FeedEvent: the head, the data its view allows, and a signature).
 */
import type { StoredVersion } from '../ssot/model.js';
import type { FeedId } from './feeds.js';

/** Why a record left public view, as the event's data says. */
export type LeavingReason = 'revoked' | 'suspended' | 'expired' | 'removed' | 'identity-conflict' | 'repealed' | 'repaired' | 'closed';

/** One thing that happened to one record, to be announced on one feed. */
export interface FeedChange {
  readonly feed: FeedId;
  readonly entity: string;
  readonly action: string;
  /**
   * The event id: the record version (`<recordType>/<recordId>/v<n>`), or for an expiry,
   * which has no version of its own, `<recordType>/<recordId>/expired/<last public day>`.
   * Stable across redeliveries and replays.
   */
  readonly id: string;
  /** When it happened (the version's storedAt, or when the expiry was noticed). */
  readonly time: string;
  /** The version announced, already disclosed (free text redacted; src/disclosure). */
  readonly version: StoredVersion;
  /** Whether the event carries the record (a leaving record goes out without its content). */
  readonly carriesRecord: boolean;
  /** The event's district attribute (a district name, or CITYWIDE_DISTRICT). */
  readonly district: string;
  readonly reason?: LeavingReason;
  /** The last public day of an expired record (YYYY-MM-DD). */
  readonly publicUntil?: string;
  /** China date by which every subscriber must have a leaving event (3 working days for a revocation; the expiry day). */
  readonly deadline?: string;
}

/** What the feed log keeps of a change besides its head: enough to render the event again from SSOT history. */
export interface FeedChangeRef {
  readonly recordType: string;
  readonly recordId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly entity: string;
  readonly action: string;
  readonly carriesRecord: boolean;
  readonly district: string;
  readonly reason?: LeavingReason;
  readonly publicUntil?: string;
  readonly deadline?: string;
}

/**
 * A CloudEvents 1.0 event without `data` and `signature`: identical for every subscriber
 * whatever its view, so the hash chain over heads is one chain per feed.
 */
export interface FeedEventHead {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  /** Extension: the event's place in its feed, from 1, gapless. A decimal string (CloudEvents extension values are strings or integers; a string never overflows). */
  readonly sequence: string;
  /** Extension: base64url SHA-256 of the JCS-canonical head of the previous event of the feed (of the feed's source for the first). */
  readonly prevhash: string;
}

/** An event's data: the record's identity, and its content as the subscriber's view allows. */
export interface FeedEventData {
  readonly recordType: string;
  readonly recordId: string;
  readonly version: number;
  readonly contentHash: string;
  /** Which view the record was rendered for. */
  readonly view: string;
  /** The record's fields; absent when it leaves public view. */
  readonly record?: Readonly<Record<string, unknown>>;
  readonly reason?: LeavingReason;
  readonly publicUntil?: string;
}

/** What a subscriber receives: the head, its data, and (extension) a detached JWS over the rest. */
export interface FeedEvent extends FeedEventHead {
  readonly data: FeedEventData;
  /** Detached compact JWS (`<protected>..<signature>`, EdDSA/Ed25519) over the JCS-canonical event without `signature`. */
  readonly signature: string;
}

/** One logged event: its head and what it was about. */
export interface FeedLogEntry {
  readonly feed: FeedId;
  readonly head: FeedEventHead;
  readonly change: FeedChangeRef;
}
