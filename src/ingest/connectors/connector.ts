import type { SourceConfig } from '../../config/catalog.js';

/** One batch as a source delivered it. */
export interface SourcePage {
  /** The bytes exactly as received (or, for row sources, as serialized once): the raw zone keeps them. */
  readonly body: Uint8Array;
  /** The items in the batch, in order; normalize sees the same items again through `itemsOf`. */
  readonly items: readonly unknown[];
  /** Position after this page, committed as the checkpoint once the page is durable. Null: unchanged. */
  readonly nextCursor: string | null;
  /** False when the source says there is more to read now. */
  readonly last: boolean;
  /** Where the page came from (URL, table, file) for provenance and error messages. */
  readonly origin: string;
}

export interface PullContext {
  /** Re-read everything, ignoring the checkpoint (backfill). */
  readonly full: boolean;
}

/**
 * A kind of departmental system. Ingest pulls pages from it; normalize gets the items
 * of a stored raw batch back through the same connector, so the two never disagree
 * on what a batch holds.
 */
export interface SourceConnector {
  readonly kind: SourceConfig['kind'];
  pages(source: SourceConfig, cursor: string | null, context: PullContext): AsyncIterable<SourcePage>;
  itemsOf(source: SourceConfig, rawBody: Uint8Array): readonly unknown[];
}
