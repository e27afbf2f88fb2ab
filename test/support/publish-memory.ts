import { readFile } from 'node:fs/promises';
import type { ObjectFileUploader, ObjectStore } from '../../src/ports/index.js';
import { plainReleaseWriters } from '../../src/publish/plain-writers.js';
import type { PublishDeps } from '../../src/publish/publish-dataset.js';
import type { ReleaseColumn } from '../../src/publish/release-columns.js';
import type { ReleasePointer } from '../../src/publish/release.js';
import type { StoredVersion } from '../../src/ssot/model.js';

/** One current SSOT version as the record store lists it (tests only). */
export function storedVersion(recordType: string, recordId: string, record: Record<string, unknown>, storedAt = '2026-11-27T00:00:00Z'): StoredVersion {
  return {
    recordType,
    recordId,
    record,
    version: 1,
    contentHash: 'h',
    storedAt,
    provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: storedAt },
  };
}

/** A published column as the tests need it: the field id is its header. */
export const plainColumn = (field: string): ReleaseColumn => ({ field, title: field, titleEn: field, description: field, type: 'string', grade: 'L1' });

/**
 * The release pieces grading and formats provide, as plain stand-ins: the columns are
 * `openColumns` of the record type, a row picks them, the files are CSV with field ids as
 * headers and JSONL (src/publish/plain-writers.ts), every dataset is open.
 */
export function plainReleasePieces(openColumns: (recordType: string) => readonly string[]) {
  return {
    columns: (dataset) => openColumns(dataset.recordType).map(plainColumn),
    project: (dataset) => {
      const fields = openColumns(dataset.recordType);
      return (record) => Object.fromEntries(fields.map((c) => [c, record[c]]));
    },
    writers: plainReleaseWriters,
    category: () => 'open',
  } satisfies Pick<PublishDeps, 'columns' | 'project' | 'writers' | 'category'>;
}

/** An object store in a map that also takes local files (as putFile streams them). */
export function memoryObjects(writes: string[] = []) {
  const objects = new Map<string, Uint8Array>();
  const store: ObjectStore & ObjectFileUploader = {
    put: async (key, body) => {
      writes.push(key);
      objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
    },
    putFile: async (key, path) => {
      writes.push(key);
      objects.set(key, await readFile(path));
    },
    get: async (key) => objects.get(key),
    exists: async (key) => objects.has(key),
  };
  return { objects, store };
}

/**
 * Publishing over memory: the given records (the array may change between releases), an
 * object store, a release catalog, and a clock the test moves. `writes` lists object keys
 * and release commits in the order they happened.
 */
export function memoryPublish(
  records: readonly StoredVersion[],
  options: Partial<PublishDeps> & { readonly startsAt?: string; readonly openColumns?: (recordType: string) => readonly string[] } = {},
) {
  const { startsAt = '2026-11-27T08:00:00Z', openColumns = () => [], ...overrides } = options;
  const writes: string[] = [];
  const { objects, store: open } = memoryObjects(writes);
  let latest: ReleasePointer | undefined;
  let now = new Date(startsAt);
  const deps: PublishDeps = {
    records: {
      async *listCurrent() {
        yield [...records];
      },
    },
    open,
    releases: {
      latest: async () => latest,
      commit: async (release) => {
        writes.push(`pointer:${release.releaseId}`);
        latest = release;
      },
    },
    ...plainReleasePieces(openColumns),
    freeTextColumns: () => [],
    clock: { now: () => now },
    ...overrides,
  };
  return { deps, objects, writes, latest: () => latest, at: (instant: string) => void (now = new Date(instant)) };
}
