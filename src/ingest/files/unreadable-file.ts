/** A dropped file that cannot be read as its source's format; names the line (or row) where reading failed. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';

  constructor(
    readonly reason: string,
    /** 1-based line (CSV) or row (XLSX) where reading failed; 0 when the file as a whole is unreadable. */
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${reason}` : reason);
  }
}
