import type { RejectedFileRequest } from '../../normalize/request.js';
import type { FileReason } from './file-reason.js';

/** A file a department dropped, as listed. */
export interface DroppedFile {
  readonly key: string;
  /** The name the department gave it (the key without the inbox prefix). */
  readonly name: string;
  readonly lastModified: Date;
}

/**
 * Rejected: it cannot be read (the department sends a corrected file). Held: it was read,
 * but the mass-delete guard refused what it would delete; a data steward releases or rejects it.
 */
export type SetAsideDisposition = 'rejected' | 'held';

/** A file moved out of the inbox's way, as recorded before it moves. */
export interface SetAsideFile {
  readonly name: string;
  readonly disposition: SetAsideDisposition;
  /** Where the file lies (or goes) in the raw bucket. */
  readonly key: string;
  /** Line (CSV) or row (XLSX) where reading failed; 0 for the file as a whole. */
  readonly line: number;
  readonly reason: FileReason;
  readonly at: string;
  /** Set when a steward released a held file: the next sync takes it past the mass-delete guard. */
  readonly released?: { readonly at: string; readonly from: string };
}

/** A file set aside, for quarantine: the normalize request without its kind. */
export type RejectedFile = Omit<RejectedFileRequest, 'kind'>;

export interface FileRejections {
  reject(file: RejectedFile): Promise<void>;
}

export const inboxPrefix = (sourceId: string): string => `inbox/${sourceId}/`;

const day = (at: Date) => at.toISOString().slice(0, 10);
export const archiveKey = (sourceId: string, at: Date, hash: string, name: string): string => `archive/${sourceId}/${day(at)}/${hash.slice(0, 16)}-${name}`;
export const rejectedKey = (sourceId: string, at: Date, hash: string, name: string): string => `rejected/${sourceId}/${day(at)}/${hash.slice(0, 16)}-${name}`;
export const heldKey = (sourceId: string, at: Date, hash: string, name: string): string => `held/${sourceId}/${day(at)}/${hash.slice(0, 16)}-${name}`;
export const setAsideKey = (disposition: SetAsideDisposition, sourceId: string, at: Date, hash: string, name: string): string =>
  (disposition === 'held' ? heldKey : rejectedKey)(sourceId, at, hash, name);

/** The request that puts a set-aside file in quarantine. */
export function rejectedFileOf(sourceId: string, contentHash: string, file: SetAsideFile): RejectedFile {
  return {
    sourceId,
    name: file.name,
    key: file.key,
    contentHash,
    line: file.line,
    reason: file.reason.en,
    reasonZh: file.reason.zh,
    disposition: file.disposition,
    rejectedAt: file.at,
  };
}
