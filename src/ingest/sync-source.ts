import { gzipSync } from 'node:zlib';
import type { SourceConfig } from '../config/catalog.js';
import type { CheckpointStore, Clock, MessageSender, ObjectStore } from '../ports/index.js';
import type { NormalizeRequest } from '../normalize/request.js';
import { sha256Hex } from '../util/hash.js';
import type { SourceConnector } from './connectors/connector.js';

export interface SyncDeps {
  readonly raw: ObjectStore;
  readonly normalizeQueue: MessageSender;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly connector: (source: SourceConfig) => SourceConnector;
}

export interface SyncOptions {
  /** Stop after this many pages (Lambda time budget); the checkpoint lets the next run go on. */
  readonly maxPages?: number;
  /** Re-pull everything from the start (backfill); what is unchanged stays unchanged downstream. */
  readonly full?: boolean;
  readonly onPage?: (progress: { readonly sourceId: string; readonly page: number; readonly items: number; readonly rawKey: string }) => void;
}

export interface SyncResult {
  readonly sourceId: string;
  readonly pages: number;
  readonly pulled: number;
  /** False when maxPages cut the run short. */
  readonly complete: boolean;
}

export const RAW_STREAM = 'default';

/** `raw/<source>/<date>/<sha256>.json.gz`: the same bytes always land on the same key. */
export function rawBatchKey(sourceId: string, pulledAt: Date, body: Uint8Array): string {
  return `raw/${sourceId}/${pulledAt.toISOString().slice(0, 10)}/${sha256Hex(body)}.json.gz`;
}

/**
 * Pulls a source page by page. Per page: raw bytes durably in S3, then the normalize
 * request, then the checkpoint. A crash anywhere repeats at most the last page, and a
 * repeated page lands on the same raw key and changes nothing downstream.
 */
export async function syncSource(source: SourceConfig, deps: SyncDeps, options: SyncOptions = {}): Promise<SyncResult> {
  let checkpoint = await deps.checkpoints.get(source.id, RAW_STREAM);
  let pages = 0;
  let pulled = 0;
  const stream = deps.connector(source).pages(source, checkpoint?.cursor ?? null, { full: options.full ?? false });
  for await (const page of stream) {
    const pulledAt = deps.clock.now();
    if (page.items.length > 0) {
      const rawKey = rawBatchKey(source.id, pulledAt, page.body);
      if (!(await deps.raw.exists(rawKey))) {
        await deps.raw.put(rawKey, gzipSync(page.body), {
          contentType: 'application/json',
          contentEncoding: 'gzip',
          metadata: { source: source.id, origin: encodeURI(page.origin), 'pulled-at': pulledAt.toISOString() },
        });
      }
      const request: NormalizeRequest = { kind: 'raw-batch', sourceId: source.id, rawKey, itemCount: page.items.length, pulledAt: pulledAt.toISOString() };
      await deps.normalizeQueue.send([JSON.stringify(request)]);
      pages += 1;
      pulled += page.items.length;
      options.onPage?.({ sourceId: source.id, page: pages, items: page.items.length, rawKey });
    }
    if (page.nextCursor !== null && page.nextCursor !== (checkpoint?.cursor ?? null)) {
      const next = { cursor: page.nextCursor, committedAt: pulledAt.toISOString(), pulledTotal: (checkpoint?.pulledTotal ?? 0) + page.items.length, revision: (checkpoint?.revision ?? 0) + 1 };
      await deps.checkpoints.commit(source.id, RAW_STREAM, next, checkpoint);
      checkpoint = next;
    }
    if (page.last) break;
    if (options.maxPages !== undefined && pages >= options.maxPages) return { sourceId: source.id, pages, pulled, complete: false };
  }
  return { sourceId: source.id, pages, pulled, complete: true };
}
