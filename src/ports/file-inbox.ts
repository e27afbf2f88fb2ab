import type { DroppedFile } from '../ingest/files/inbox.js';

/** Where departments drop files: `inbox/<source>/` in the raw bucket. */
export interface FileInbox {
  /** Files waiting for a source, oldest first. */
  list(sourceId: string): Promise<DroppedFile[]>;
  read(key: string): Promise<Uint8Array>;
  /** Moves a file out of the inbox (to the archive or the rejected folder). */
  move(from: string, to: string): Promise<void>;
}

/** Files already ingested, by content hash, so a file dropped twice is read once. */
export interface ProcessedFiles {
  has(sourceId: string, contentHash: string): Promise<boolean>;
  mark(sourceId: string, contentHash: string, details: { readonly name: string; readonly rows: number; readonly archivedAs: string }): Promise<void>;
}
