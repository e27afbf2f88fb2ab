import type { RejectedFileRequest } from '../../normalize/request.js';
/** A file a department dropped, as listed. */
export interface DroppedFile {
  readonly key: string;
  /** The name the department gave it (the key without the inbox prefix). */
  readonly name: string;
  readonly lastModified: Date;
}

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

/** A file that could not be read, for quarantine: the reason and the line where it failed (the normalize request without its kind). */
export type RejectedFile = Omit<RejectedFileRequest, 'kind'>;

export interface FileRejections {
  reject(file: RejectedFile): Promise<void>;
}

export const inboxPrefix = (sourceId: string): string => `inbox/${sourceId}/`;

const day = (at: Date) => at.toISOString().slice(0, 10);
export const archiveKey = (sourceId: string, at: Date, hash: string, name: string): string => `archive/${sourceId}/${day(at)}/${hash.slice(0, 16)}-${name}`;
export const rejectedKey = (sourceId: string, at: Date, hash: string, name: string): string => `rejected/${sourceId}/${day(at)}/${hash.slice(0, 16)}-${name}`;
