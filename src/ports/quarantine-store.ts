import type { QuarantineEntry, QuarantineKind } from '../quarantine/entry.js';

/** Invalid source rows, one entry per (source, source key), each with every reason it was rejected. */
export interface QuarantineStore {
  /** Stores entries, replacing any of the same (source, source key). */
  put(entries: readonly QuarantineEntry[]): Promise<void>;
  get(sourceId: string, sourceKey: string): Promise<QuarantineEntry | undefined>;
  remove(sourceId: string, sourceKeys: readonly string[]): Promise<void>;
  /**
   * Rows of a source that are now valid leave quarantine, unless the entry is from a
   * later extraction than the valid row (then the newer defect stands). Returns how many left.
   */
  release(sourceId: string, rows: readonly { readonly sourceKey: string; readonly extractedAt: string }[]): Promise<number>;
  hasEntries(sourceId: string): Promise<boolean>;
  list(sourceId: string): Promise<QuarantineEntry[]>;
  /** Entries of a source, of one kind when asked (entries without a kind are validation ones). */
  count(sourceId: string, kind?: QuarantineKind): Promise<number>;
}
