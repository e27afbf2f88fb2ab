/**
 * The changes of a dataset after a point, one entry per record: each release's changes.jsonl
 * (`{change, recordId, reason?}`, written against the release before it) read oldest first, the
 * last change of a record winning — except that a record added after `since` and changed since
 * stays `added`, as it is new to a client that synced at `since`. Entries are in record id
 * order, so a page ends at a record id and the next starts after it.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ObjectStreamReader } from '../../ports/index.js';
import type { ReleasePointer } from '../../publish/release.js';

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface CollapsedChange {
  readonly change: ChangeKind;
  readonly recordId: string;
  /** The release that made the change. */
  readonly release: string;
  readonly reason?: string;
}

interface ChangeLine {
  readonly change: ChangeKind;
  readonly recordId: string;
  readonly reason?: string;
}

async function* changeLines(objects: ObjectStreamReader, release: ReleasePointer): AsyncGenerator<ChangeLine> {
  const file = release.files.find((f) => f.format === 'changes');
  // A release without a changes file (made before the feed existed) changed nothing we can name.
  if (!file) return;
  const object = await objects.getStream(file.key);
  if (!object) throw new Error(`changes file ${file.key} of release ${release.releaseId} is missing`);
  for await (const line of createInterface({ input: Readable.fromWeb(object.body), crlfDelay: Infinity }))
    if (line.trim() !== '') yield JSON.parse(line) as ChangeLine;
}

/** Every record changed in `releases` (oldest first), its last change, sorted by record id. */
export async function collapseChanges(objects: ObjectStreamReader, releases: readonly ReleasePointer[]): Promise<CollapsedChange[]> {
  const byRecord = new Map<string, CollapsedChange>();
  for (const release of releases)
    for await (const line of changeLines(objects, release)) {
      const before = byRecord.get(line.recordId);
      const change = line.change === 'changed' && before?.change === 'added' ? 'added' : line.change;
      byRecord.set(line.recordId, { change, recordId: line.recordId, release: release.releaseId, ...(line.reason ? { reason: line.reason } : {}) });
    }
  return [...byRecord.values()].sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
}
