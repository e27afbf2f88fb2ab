import type { SourceConfig } from '../../config/catalog.js';
import type { FileReason } from '../files/file-reason.js';
import type { SetAsideDisposition } from '../files/inbox.js';
import type { KeyEntry } from '../key-ledger.js';

/** A dropped file moved out of the inbox's way instead of being ingested: what the sync reports as failed. */
export interface SetAsideNotice {
  readonly file: string;
  readonly disposition: SetAsideDisposition;
  readonly reason: FileReason;
  readonly movedTo: string;
}

/** One batch as a source delivered it. */
export interface SourcePage {
  /** The bytes exactly as received (or, for row sources, as serialized once): the raw zone keeps them. */
  readonly body: Uint8Array;
  /** Media type of `body` in the raw zone. */
  readonly contentType?: string;
  /** The items in the batch, in order; normalize sees the same items again through `itemsOf`. */
  readonly items: readonly unknown[];
  /** Position after this page, committed as the checkpoint once the page is durable. Null: unchanged. */
  readonly nextCursor: string | null;
  /** True when the source says there is nothing more to read now. A connector may also just end its stream. */
  readonly last: boolean;
  /** Where the page came from (URL, table, file and row) for provenance and error messages. */
  readonly origin: string;
  /** Items the whole run is expected to deliver, when the source can tell (progress, ETA). */
  readonly expectedTotal?: number;
  /**
   * Set while the pull covers the whole source (a pull from scratch, a whole file): the
   * snapshot's id. Keys are recorded under it; see `completesSnapshot`.
   */
  readonly snapshot?: string;
  /** The last page of snapshot `snapshot`: keys seen before and not in it have vanished. */
  readonly completesSnapshot?: boolean;
  /**
   * The connector acts on the page being checkpointed once it is asked for the next one
   * (file-drop archives a finished file): the sync commits its checkpoint before it asks.
   */
  readonly checkpointBeforeNext?: boolean;
  /**
   * Every row the page covers, with its key and fingerprint, whether sent on or not: a
   * snapshot source that sends only its changed rows (`items`) still says which rows
   * exist. Absent: the keys of `items`.
   */
  readonly keyed?: readonly KeyEntry[];
  /** An empty page that reports a file set aside (file-drop). */
  readonly setAside?: SetAsideNotice;
  /** On a page that completes a snapshot: deletions over the source's limit were allowed for it (a released file). */
  readonly allowMassDelete?: boolean;
  /**
   * On a page that completes a snapshot: the connector sets the snapshot aside when the
   * mass-delete guard refuses it, and the sync goes on with what follows.
   */
  readonly onMassDeleteRefused?: (reason: FileReason) => Promise<SetAsideNotice>;
}

export interface PullContext {
  /** Re-read everything, ignoring the checkpoint (backfill). */
  readonly full: boolean;
  /** When the run started. */
  readonly startedAt: Date;
  /**
   * Fingerprints of the rows recorded so far, by key (snapshot sources that track keys,
   * not on --full): a row whose fingerprint is unchanged need not be sent again.
   */
  readonly knownFingerprints?: () => Promise<ReadonlyMap<string, string>>;
}

/** A fresh id for a pull that reads the whole source; unique even for two runs in one millisecond. */
export function pullSnapshotId(context: PullContext): string {
  return `pull-${context.startedAt.toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A kind of departmental system. Ingest pulls pages from it; normalize gets the items
 * of a stored raw batch back through the same connector, so the two never disagree
 * on what a batch holds.
 *
 * The consumer asks for the next page only after the previous one is durable and its
 * checkpoint committed, so code after a `yield` may act on a committed page (a file
 * drop archives its file there).
 */
export interface SourceConnector<K extends SourceConfig['kind'] = SourceConfig['kind']> {
  readonly kind: K;
  pages(source: Extract<SourceConfig, { kind: K }>, cursor: string | null, context: PullContext): AsyncIterable<SourcePage>;
  itemsOf(source: Extract<SourceConfig, { kind: K }>, rawBody: Uint8Array): readonly unknown[];
}
