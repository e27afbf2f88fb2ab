import { boundedReason, type FileReason } from './file-reason.js';

/** A dropped file that cannot be read as its source's format; names the line (or row) where reading failed. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  /** Why, in both languages, bounded in size. */
  readonly reason: FileReason;

  constructor(
    reason: FileReason,
    /** 1-based line (CSV) or row (XLSX) where reading failed; 0 when the file as a whole is unreadable. */
    readonly line: number,
  ) {
    const bounded = boundedReason(reason);
    super(line > 0 ? `line ${line}: ${bounded.en}` : bounded.en);
    this.reason = bounded;
  }
}
