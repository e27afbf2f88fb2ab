import type { RecordChange, RecordChanges } from '../../src/ports/index.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { compareIds } from '../../src/publish/merkle.js';
import { contentHash } from '../../src/util/hash.js';

/**
 * The SSOT of one record type in memory, as a release reads it: current versions listed in
 * id order, and what changed since a moment (tombstones and identity conflicts included),
 * each write stamped with the clock's time. Counts what is read, so a test sees whether a
 * release read the change or the whole type.
 */
export class MemorySsot implements RecordChanges {
  readonly current = new Map<string, StoredVersion>();
  readonly counts = { listed: 0, read: 0 };

  constructor(
    readonly recordType: string,
    private readonly now: () => Date,
  ) {}

  private write(recordId: string, record: Record<string, unknown>, extra: Partial<StoredVersion> = {}): StoredVersion {
    const before = this.current.get(recordId);
    const storedAt = this.now().toISOString();
    const stored: StoredVersion = {
      recordType: this.recordType,
      recordId,
      record,
      version: (before?.version ?? 0) + 1,
      contentHash: contentHash({ record, ...extra }),
      storedAt,
      provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: storedAt },
      ...extra,
    };
    this.current.set(recordId, stored);
    return stored;
  }

  put(recordId: string, record: Record<string, unknown>): StoredVersion {
    return this.write(recordId, record);
  }

  /** The source withdrew the record: a tombstone keeping its last content. */
  delete(recordId: string): StoredVersion {
    return this.write(recordId, this.current.get(recordId)!.record, { deleted: true });
  }

  /** Two cases under one id: the record is empty and nothing of it is published. */
  conflict(recordId: string): StoredVersion {
    return this.write(recordId, {}, { conflict: { fields: ['partyName'], sides: [] } });
  }

  async *listCurrent(): AsyncGenerator<StoredVersion[]> {
    const live = [...this.current.values()].filter((v) => !v.deleted && !v.conflict).sort((a, b) => compareIds(a.recordId, b.recordId));
    for (let i = 0; i < live.length; i += 100) {
      this.counts.listed += live.slice(i, i + 100).length;
      yield live.slice(i, i + 100);
    }
  }

  async *changedSince(_recordType: string, since: Date): AsyncGenerator<RecordChange[]> {
    yield [...this.current.values()].filter((v) => v.storedAt >= since.toISOString()).map((v) => ({ id: v.recordId, version: v.version }));
  }

  async readCurrent(_recordType: string, recordIds: readonly string[]): Promise<StoredVersion[]> {
    this.counts.read += recordIds.length;
    return recordIds.flatMap((id) => this.current.get(id) ?? []);
  }
}
