import type { DroppedFile, SetAsideFile } from '../ingest/files/inbox.js';

/** Where departments drop files: `inbox/<source>/` in the raw bucket. */
export interface FileInbox {
  /** Files waiting for a source, oldest first. */
  list(sourceId: string): Promise<DroppedFile[]>;
  read(key: string): Promise<Uint8Array>;
  /** Moves a file (out of the inbox to the archive, rejected or held folder; or a released file back). */
  move(from: string, to: string): Promise<void>;
  /** Whether a file lies at this key. */
  exists(key: string): Promise<boolean>;
}

/** Files already ingested, by content hash, so a file dropped twice is read once; and files set aside, before they move. */
export interface ProcessedFiles {
  has(sourceId: string, contentHash: string): Promise<boolean>;
  mark(sourceId: string, contentHash: string, details: { readonly name: string; readonly rows: number; readonly archivedAs: string }): Promise<void>;
  /** Records a file as rejected or held (replacing an earlier record of the same content): written before the file moves. */
  setAside(sourceId: string, contentHash: string, file: SetAsideFile): Promise<void>;
  setAsideOf(sourceId: string, contentHash: string): Promise<SetAsideFile | undefined>;
  /** Every file of the source set aside, newest record first. */
  listSetAside(sourceId: string): Promise<(SetAsideFile & { readonly contentHash: string })[]>;
}
