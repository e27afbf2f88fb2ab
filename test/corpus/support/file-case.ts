import type { FileFormat } from '../../../src/ingest/files/file-table.js';

/** A dropped file and what reading it must end in (test/corpus/files/). */
export interface FileCase {
  readonly name: string;
  readonly file: Uint8Array;
  /** The source's format; a CSV with encoding and delimiter auto when absent. */
  readonly format?: FileFormat;
  /** The source's key column; 序号 when absent. */
  readonly keyColumn?: string;
  readonly expect: {
    /** Read: this many records, every one of them in the pages. */
    readonly records?: number;
    /** Set aside: an UnreadableFileError at this line (0: the file as a whole), its reasons containing these words. */
    readonly rejected?: { readonly line?: number; readonly words: readonly string[] };
    /** Either read with `records` or set aside with a bounded bilingual reason: where both are right. */
    readonly orRejected?: boolean;
  };
}
