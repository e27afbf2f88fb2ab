import type { KeyEntry } from '../ingest/key-ledger.js';

/** The source keys seen per source and snapshot (see ingest/key-ledger.ts for what they are for). */
export interface SourceKeyLedger {
  /** Records the keys of one page; idempotent per (snapshot, chunk). */
  record(sourceId: string, snapshot: string, chunk: string, entries: readonly KeyEntry[]): Promise<void>;
  /** Every recorded key, by snapshot. */
  load(sourceId: string): Promise<Map<string, Map<string, string>>>;
  /** Drops every snapshot but `keep`: after a complete snapshot, it alone says what exists. */
  forgetAllBut(sourceId: string, keep: string): Promise<void>;
}
