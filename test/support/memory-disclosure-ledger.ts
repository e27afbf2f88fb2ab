import type { DisclosureEntry, DisclosureLedger, WithdrawalMark } from '../../src/ports/index.js';

/** The ledger in a map, keeping the first entry and the first withdrawal per record as the DynamoDB adapter's conditional writes do. */
export class MemoryDisclosureLedger implements DisclosureLedger {
  readonly entries = new Map<string, DisclosureEntry>();

  async recordFirstPublications(entries: readonly DisclosureEntry[]): Promise<number> {
    let added = 0;
    for (const entry of entries) {
      const key = `${entry.recordType}\u0000${entry.recordId}`;
      if (this.entries.has(key)) continue;
      this.entries.set(key, entry);
      added++;
    }
    return added;
  }

  async recordWithdrawals(marks: readonly WithdrawalMark[]): Promise<WithdrawalMark[]> {
    const recorded: WithdrawalMark[] = [];
    for (const mark of marks) {
      const key = `${mark.recordType}\u0000${mark.recordId}`;
      const entry = this.entries.get(key);
      if (!entry || entry.withdrawal) continue;
      const { recordType: _type, recordId: _id, ...withdrawal } = mark;
      this.entries.set(key, { ...entry, withdrawal });
      recorded.push(mark);
    }
    return recorded;
  }

  async list(recordType: string): Promise<DisclosureEntry[]> {
    return [...this.entries.values()].filter((e) => e.recordType === recordType);
  }

  async find(recordType: string, recordIds: readonly string[]): Promise<DisclosureEntry[]> {
    return recordIds.flatMap((id) => this.entries.get(`${recordType}\u0000${id}`) ?? []);
  }
}
