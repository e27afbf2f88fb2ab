import type { DisclosureEntry, DisclosureLedger } from '../../src/ports/index.js';

/** The ledger in a map, keeping the first entry per record as the DynamoDB adapter's conditional put does. */
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

  async list(recordType: string): Promise<DisclosureEntry[]> {
    return [...this.entries.values()].filter((e) => e.recordType === recordType);
  }
}
