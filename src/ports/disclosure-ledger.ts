/**
 * Why a published record left the releases and feeds: revoked (撤销), suspended while under
 * objection (异议), its publicity period ended, or removed (deleted at its source, or no
 * longer publishable for another reason, e.g. found to concern a minor).
 */
export type WithdrawalReason = 'revoked' | 'objection-suspended' | 'expired' | 'removed' | 'identity-conflict' | 'repaired' | 'judicial-list' | 'not-proactive';

/** When and why a published record stopped being published: kept once, like the first publication. */
export interface Withdrawal {
  readonly reason: WithdrawalReason;
  /**
   * ISO instant the cause took effect: when the SSOT stored the version that withdrew it
   * (a revocation, a suspension), or the start (China time) of the day after the last public day.
   */
  readonly observedAt: string;
  /** ISO instant of the first release that no longer carried the record. */
  readonly withdrawnAt: string;
  /** That release's id. */
  readonly releaseId: string;
  /** The last public day (China date), for an expiry. */
  readonly publicUntil?: string;
}

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
  /** Set once when a release first leaves the record out. */
  readonly withdrawal?: Withdrawal;
}

/** A withdrawal to record against a record already in the ledger. */
export interface WithdrawalMark extends Withdrawal {
  readonly recordType: string;
  readonly recordId: string;
}

/** The first-publication time of every published record, and its withdrawal. */
export interface DisclosureLedger {
  /**
   * Records each entry whose record has no first-publication time yet; an entry for a
   * record already in the ledger is ignored, so the first time is kept. Returns how many were new.
   */
  recordFirstPublications(entries: readonly DisclosureEntry[]): Promise<number>;
  /**
   * Records each withdrawal of a record that is in the ledger and has none yet; a second
   * mark for the same record is ignored (first write wins). Returns the marks that were new.
   */
  recordWithdrawals(marks: readonly WithdrawalMark[]): Promise<WithdrawalMark[]>;
  /** Every entry of a record type. */
  list(recordType: string): Promise<DisclosureEntry[]>;
  /** The entries of these records that the ledger holds, read by key: a release's withdrawals need no more. */
  find(recordType: string, recordIds: readonly string[]): Promise<DisclosureEntry[]>;
}
