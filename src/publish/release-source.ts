import type { RecordChanges } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { untilAborted } from '../util/deadline.js';
import { compareIds } from './merkle.js';

/** One record as the SSOT has it now; `stored` undefined when it does not exist (any more). */
export interface SourceItem {
  readonly id: string;
  readonly stored?: StoredVersion;
}

/** Out of order input larger than one sort buffer: the store broke its paging contract. */
export class SourceOrderError extends Error {
  override readonly name = 'SourceOrderError';
}

/**
 * The current versions of a type in record id order. DynamoDB's byType index pages them in
 * that order already, so they pass through a buffer of `bufferSize`; a smaller unordered
 * listing (an in-memory store) is sorted within the buffer. A larger unordered one fails
 * rather than publish rows out of order.
 */
export async function* inIdOrder(pages: AsyncIterable<readonly StoredVersion[]>, what: string, bufferSize = 5_000): AsyncGenerator<SourceItem> {
  let buffer: StoredVersion[] = [];
  let last: string | undefined;
  const flush = function* (): Generator<SourceItem> {
    buffer.sort((a, b) => compareIds(a.recordId, b.recordId));
    const first = buffer[0];
    if (first && last !== undefined && compareIds(first.recordId, last) <= 0) {
      throw new SourceOrderError(`${what}: the record store listed ${first.recordId} after ${last}; current records must come in record id order`);
    }
    for (const stored of buffer) yield { id: stored.recordId, stored };
    last = buffer.at(-1)?.recordId ?? last;
    buffer = [];
  };
  for await (const page of pages) {
    for (const stored of page) {
      buffer.push(stored);
      if (buffer.length >= bufferSize) yield* flush();
    }
  }
  yield* flush();
}

/**
 * The records changed since `since`, each id once at the newest version listed; undefined
 * when more than `limit` changed, when a full rebuild streams in flat memory where the change
 * would not.
 */
export async function changedVersions(
  changes: RecordChanges,
  recordType: string,
  since: Date,
  limit: number,
  signal?: AbortSignal,
): Promise<Map<string, number> | undefined> {
  const versions = new Map<string, number>();
  for await (const page of untilAborted(changes.changedSince(recordType, since), signal)) {
    for (const { id, version } of page) if (!(version <= (versions.get(id) ?? -Infinity))) versions.set(id, version);
    if (versions.size > limit) return undefined;
  }
  return versions;
}

/** The given records read consistently in id order, `batch` at a time; an id with no record comes without a version. */
export async function* readInIdOrder(changes: RecordChanges, recordType: string, ids: readonly string[], batch = 100): AsyncGenerator<SourceItem> {
  const sorted = [...ids].sort(compareIds);
  let next = sorted.length > 0 ? changes.readCurrent(recordType, sorted.slice(0, batch)) : undefined;
  for (let start = 0; start < sorted.length; start += batch) {
    const found = new Map((await next!).map((stored) => [stored.recordId, stored]));
    // Read the next batch while this one is merged.
    next = start + batch < sorted.length ? changes.readCurrent(recordType, sorted.slice(start + batch, start + 2 * batch)) : undefined;
    for (const id of sorted.slice(start, start + batch)) {
      const stored = found.get(id);
      yield stored ? { id, stored } : { id };
    }
  }
}
