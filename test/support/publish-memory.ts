import type { ObjectStore } from '../../src/ports/index.js';
import type { PublishDeps } from '../../src/publish/publish-dataset.js';
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

/**
 * Publishing over memory: the given records (the array may change between releases), an
 * object store, a release catalog, and a clock the test moves. `writes` lists object keys
 * and release commits in the order they happened.
 */
export function memoryPublish(records: readonly StoredVersion[], options: Partial<PublishDeps> & { readonly startsAt?: string } = {}) {
  const { startsAt = '2026-11-27T08:00:00Z', ...overrides } = options;
  const objects = new Map<string, Uint8Array>();
  const writes: string[] = [];
  let latest: ReleasePointer | undefined;
  let now = new Date(startsAt);
  const open: ObjectStore = {
    put: async (key, body) => {
      writes.push(key);
      objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
    },
    get: async (key) => objects.get(key),
    exists: async (key) => objects.has(key),
  };
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
    openColumns: () => [],
    freeTextColumns: () => [],
    clock: { now: () => now },
    ...overrides,
  };
  return { deps, objects, writes, latest: () => latest, at: (instant: string) => void (now = new Date(instant)) };
}
