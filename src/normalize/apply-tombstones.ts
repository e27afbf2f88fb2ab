import type { TombstonesRequest } from './request.js';

/**
 * What the SSOT must offer to apply deletions: resolve each source key of the source to
 * its record (provenance.sourceKey on the current item) and mark it deleted as of
 * `observedAt`, idempotently.
 */
export interface TombstoneSink {
  tombstone(request: TombstonesRequest): Promise<unknown>;
}

export function hasTombstoneSink(store: object): store is TombstoneSink {
  return typeof (store as Partial<TombstoneSink>).tombstone === 'function';
}

/** Applies a tombstones request; a store that cannot yet take them fails loudly, so the message is retried, never dropped. */
export async function applyTombstones(request: TombstonesRequest, store: object): Promise<unknown> {
  if (!hasTombstoneSink(store)) {
    throw new Error(`source ${request.sourceId}: ${request.sourceKeys.length} tombstone(s) arrived, but the record store cannot apply tombstones in this build`);
  }
  return store.tombstone(request);
}
