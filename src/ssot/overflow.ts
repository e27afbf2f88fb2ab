import type { ObjectStore } from '../ports/index.js';
import { sha256Hex } from '../util/hash.js';
import type { RecordPointer } from './model.js';

/**
 * Claim check for record content: DynamoDB items stop at 400 KB, so content that would
 * push an item past the threshold goes to S3 under a content-addressed key and the item
 * keeps a pointer. Content-addressed keys make the write idempotent and every stored
 * version's content immutable, so as-of reads stay exact.
 */
export const OVERFLOW_PREFIX = 'ssot-overflow/';
/** Room for the item's other attributes below DynamoDB's 400 KB. */
export const DEFAULT_INLINE_LIMIT_BYTES = 300_000;

export type StoredBody = { readonly record: Readonly<Record<string, unknown>> } | { readonly recordRef: RecordPointer };

export class RecordOverflow {
  constructor(
    private readonly bucket: (() => ObjectStore) | undefined,
    readonly inlineLimitBytes: number = DEFAULT_INLINE_LIMIT_BYTES,
  ) {}

  /** The record inline, or its pointer after the content is durably in S3. */
  async store(record: Readonly<Record<string, unknown>>, recordName: string): Promise<StoredBody> {
    const json = JSON.stringify(record);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes <= this.inlineLimitBytes) return { record };
    if (!this.bucket) throw new Error(`record ${recordName}: ${bytes} bytes exceed the inline limit and no overflow bucket is configured`);
    const sha256 = sha256Hex(json);
    const key = `${OVERFLOW_PREFIX}${sha256}.json`;
    const store = this.bucket();
    if (!(await store.exists(key))) await store.put(key, json, { contentType: 'application/json' });
    return { recordRef: { key, bytes, sha256 } };
  }

  /** The content of an item that holds a record inline or by pointer. */
  async load(item: { readonly record?: unknown; readonly recordRef?: RecordPointer }, recordName: string): Promise<Readonly<Record<string, unknown>>> {
    if (item.record !== undefined) return item.record as Readonly<Record<string, unknown>>;
    if (!item.recordRef) throw new Error(`record ${recordName}: item has neither content nor a pointer to it`);
    if (!this.bucket) throw new Error(`record ${recordName}: content is in S3 (${item.recordRef.key}) but no overflow bucket is configured`);
    const bytes = await this.bucket().get(item.recordRef.key);
    if (!bytes) throw new Error(`record ${recordName}: overflow object ${item.recordRef.key} is missing`);
    if (sha256Hex(bytes) !== item.recordRef.sha256) throw new Error(`record ${recordName}: overflow object ${item.recordRef.key} does not match its hash`);
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Readonly<Record<string, unknown>>;
  }
}
