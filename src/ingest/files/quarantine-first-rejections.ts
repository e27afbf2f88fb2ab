import type { QuarantineEntry } from '../../quarantine/entry.js';
import { rejectedFileEntry } from '../../normalize/quarantine-file.js';
import type { RejectedFileRequest } from '../../normalize/request.js';
import type { FileRejections, RejectedFile } from './inbox.js';
import { rejectionMessage } from './queue-rejections.js';

export interface QuarantineFirstDeps {
  readonly quarantine: { put(entries: readonly QuarantineEntry[]): Promise<void> };
  /** The record type a source's records are: the entry is filed under it. */
  readonly recordTypeOf: (sourceId: string) => Promise<string>;
  /** Where the set-aside file goes next (normalize's queue: it counts the message in the source's run). */
  readonly then: FileRejections;
}

/**
 * A set-aside file's quarantine entry is written here, by the sync itself, before the file is
 * moved out of the inbox: a steward sees every rejected or held file even if the message to
 * normalize is lost or late. Normalize writes the same entry again from the message (same key,
 * so once), which also counts the message in the source's run.
 */
export class QuarantineFirstRejections implements FileRejections {
  constructor(private readonly deps: QuarantineFirstDeps) {}

  async reject(file: RejectedFile): Promise<void> {
    const recordType = await this.deps.recordTypeOf(file.sourceId);
    // The request exactly as normalize will read it (reasons bounded): both write the same entry.
    const request = JSON.parse(rejectionMessage(file)) as RejectedFileRequest;
    await this.deps.quarantine.put([rejectedFileEntry(request, recordType)]);
    await this.deps.then.reject(file);
  }
}
