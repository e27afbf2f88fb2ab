import { putContentAddressed, type ObjectStore } from '../ports/object-store.js';
import { sha256Hex } from '../util/hash.js';
import { BODY_ATTRIBUTE, encodeContent, inlineContent } from './item-codec.js';
import type { RecordPointer } from './model.js';

/**
 * Claim check for record content: DynamoDB items stop at 400 KB, so content whose
 * compressed body would push an item past the threshold goes to S3 under a
 * content-addressed key and the item keeps a pointer. Content-addressed keys make the
 * write idempotent and every stored version's content immutable, so as-of reads stay exact.
 */
export const OVERFLOW_PREFIX = 'ssot-overflow/';
/** Room for the item's other attributes below DynamoDB's 400 KB. */
export const DEFAULT_INLINE_LIMIT_BYTES = 300_000;

/**
 * Content as an item stores it: compressed inline (item-codec.ts), or by pointer to S3;
 * a plain `record` is how items were written before bodies were compressed.
 */
export type StoredBody =
  { readonly [BODY_ATTRIBUTE]: Uint8Array } | { readonly recordRef: RecordPointer } | { readonly record: Readonly<Record<string, unknown>> };

/** What an item may hold of its content: a compressed body, a pointer, or (written before bodies were compressed) the plain record. */
export interface ItemContent {
  readonly body?: unknown;
  readonly record?: unknown;
  readonly recordRef?: RecordPointer;
}

export class RecordOverflow {
  constructor(
    private readonly bucket: (() => ObjectStore) | undefined,
    readonly inlineLimitBytes: number = DEFAULT_INLINE_LIMIT_BYTES,
  ) {}

  /**
   * The record compressed inline, or its pointer after the content is durably in S3.
   * Content over the limit goes to S3 even when it would compress below it: a put to S3
   * costs less than the write units of an item of hundreds of KB, and so do its reads.
   */
  async store(record: Readonly<Record<string, unknown>>, recordName: string): Promise<StoredBody> {
    const json = JSON.stringify(record);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes <= this.inlineLimitBytes) {
      const body = encodeContent(record);
      if (body.byteLength <= this.inlineLimitBytes) return { [BODY_ATTRIBUTE]: body };
    }
    if (!this.bucket) throw new Error(`record ${recordName}: ${bytes} bytes exceed the inline limit and no overflow bucket is configured`);
    const sha256 = sha256Hex(json);
    const key = `${OVERFLOW_PREFIX}${sha256}.json`;
    // The key names the content: a conditional put, and an object already there is the same bytes.
    await putContentAddressed(this.bucket(), key, async () => json, { contentType: 'application/json' });
    return { recordRef: { key, bytes, sha256 } };
  }

  /** The content of an item, however it holds it: the one way every reader gets a record's content. */
  async load(item: ItemContent, recordName: string): Promise<Readonly<Record<string, unknown>>> {
    const inline = inlineContent(item as Record<string, unknown>, `record ${recordName}`);
    if (inline !== undefined) return inline;
    if (!item.recordRef) throw new Error(`record ${recordName}: item has neither content nor a pointer to it`);
    if (!this.bucket) throw new Error(`record ${recordName}: content is in S3 (${item.recordRef.key}) but no overflow bucket is configured`);
    const bytes = await this.bucket().get(item.recordRef.key);
    if (!bytes) throw new Error(`record ${recordName}: overflow object ${item.recordRef.key} is missing`);
    if (sha256Hex(bytes) !== item.recordRef.sha256) throw new Error(`record ${recordName}: overflow object ${item.recordRef.key} does not match its hash`);
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Readonly<Record<string, unknown>>;
  }
}
