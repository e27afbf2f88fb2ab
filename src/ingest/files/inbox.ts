import type { RejectedFileRequest } from '../../normalize/request.js';
/** A file a department dropped, as listed. */
export interface DroppedFile {
  readonly key: string;
  /** The name the department gave it (the key without the inbox prefix). */
  readonly name: string;
  readonly lastModified: Date;
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
