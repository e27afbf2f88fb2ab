import { keepFirstPublications, type PublishedRecord } from '../disclosure/first-publication.js';
import type { HiddenVersion } from '../disclosure/withdrawals.js';
import type { DisclosureLedger, WithdrawalMark } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { recordWithdrawals, type LifecycleFeeds } from './record-withdrawals.js';
import type { ReleasePointer } from './release.js';
import type { RemovedLine } from './release-state.js';

/**
 * The part of a hidden version the withdrawal needs (its identity, when it was stored, why it
 * is withheld): the state keeps no content of a record it does not publish.
 */
export function slimHidden(hidden: HiddenVersion): HiddenVersion {
  const { recordType, recordId, version, contentHash, storedAt, provenance } = hidden.stored;
  const stored: StoredVersion = { recordType, recordId, version, contentHash, storedAt, provenance, record: {} };
  return hidden.withheld ? { stored, withheld: hidden.withheld } : { stored };
}

/**
 * Keeps the disclosure clock of one release from its delta, in bounded batches: the records
 * it first carried start their clock at its time (keepFirstPublications), the records it
 * left out are marked withdrawn with why (recordWithdrawals, expiries announced). Both are
 * idempotent in the ledger, so keeping a release's clock again (after a failure) changes
 * only what was not kept.
 */
export class ClockKeeper {
  private firsts: PublishedRecord[] = [];
  private removed: RemovedLine[] = [];
  private readonly marks: WithdrawalMark[] = [];

  constructor(
    private readonly ledger: DisclosureLedger,
    private readonly recordType: string,
    private readonly release: ReleasePointer,
    private readonly feeds?: LifecycleFeeds,
    private readonly batch = 1000,
  ) {}

  async first(record: PublishedRecord): Promise<void> {
    this.firsts.push(record);
    if (this.firsts.length >= this.batch) await this.flushFirsts();
  }

  async left(line: RemovedLine): Promise<void> {
    this.removed.push(line);
    if (this.removed.length >= this.batch) await this.flushRemoved();
  }

  /** Flushes what is buffered; the withdrawals that were new to the ledger. */
  async finish(): Promise<WithdrawalMark[]> {
    await this.flushFirsts();
    await this.flushRemoved();
    return this.marks;
  }

  private async flushFirsts(): Promise<void> {
    if (this.firsts.length === 0) return;
    const batch = this.firsts;
    this.firsts = [];
    await keepFirstPublications(this.ledger, this.recordType, this.release, batch);
  }

  private async flushRemoved(): Promise<void> {
    if (this.removed.length === 0) return;
    const batch = this.removed;
    this.removed = [];
    const ids = [...new Set(batch.map((line) => line.id))];
    const hidden = new Map(batch.flatMap((line) => (line.hidden ? [[line.id, line.hidden] as const] : [])));
    // Only the records this release left out are its to withdraw: the ledger is seen through them,
    // read by key (listing the whole ledger for each batch grew with every record ever published).
    const ledger: DisclosureLedger = {
      recordFirstPublications: (entries) => this.ledger.recordFirstPublications(entries),
      recordWithdrawals: (marks) => this.ledger.recordWithdrawals(marks),
      list: (recordType) => this.ledger.find(recordType, ids),
      find: (recordType, recordIds) => this.ledger.find(recordType, recordIds),
    };
    this.marks.push(...(await recordWithdrawals(ledger, this.recordType, this.release, new Set(), hidden, this.feeds)));
  }
}
