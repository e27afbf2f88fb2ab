/** When a record was first published: the start of its disclosure clock, never moved once set. */
export interface DisclosureEntry {
  readonly recordType: string;
  readonly recordId: string;
  /** The record's decision date (China date, YYYY-MM-DD) as published; absent when the type has none. */
  readonly decisionDate?: string;
  /** ISO instant of the first release that carried the record. */
  readonly firstPublishedAt: string;
  /** That release's id. */
  readonly releaseId: string;
}

/** The first-publication time of every published record. */
export interface DisclosureLedger {
  /**
   * Records each entry whose record has no first-publication time yet; an entry for a
   * record already in the ledger is ignored, so the first time is kept. Returns how many were new.
   */
  recordFirstPublications(entries: readonly DisclosureEntry[]): Promise<number>;
  /** Every entry of a record type. */
  list(recordType: string): Promise<DisclosureEntry[]>;
}
