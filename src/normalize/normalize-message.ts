import type { Catalog } from '../config/catalog-context.js';
import type { QuarantineEntry } from '../quarantine/entry.js';
import type { TombstoneOutcome } from '../ssot/model.js';
import { logger } from '../util/logger.js';
import { queueConflicts } from './conflict-queue.js';
import { normalizeBatch, type NormalizeDeps } from './normalize-batch.js';
import { rejectedFileEntry } from './quarantine-file.js';
import { parseNormalizeMessage, type TombstonesRequest } from './request.js';

export interface NormalizeMessageDeps {
  readonly catalog: Catalog;
  readonly batch: NormalizeDeps;
  readonly tombstone: (request: TombstonesRequest) => Promise<TombstoneOutcome>;
  readonly quarantine: (entries: readonly QuarantineEntry[]) => Promise<void>;
}

/** One normalize-queue message: a raw batch to normalize, tombstones to apply, or an unreadable file to quarantine. */
export async function normalizeMessage(body: string, deps: NormalizeMessageDeps): Promise<void> {
  const request = parseNormalizeMessage(body);
  if (request.kind === 'tombstones') {
    const { conflicts = [], ...outcome } = await deps.tombstone(request);
    // A withdrawn row can resolve an identity conflict: its entries leave the steward's queue.
    const identityOf = (type: string) => deps.batch.recordType(type).identity ?? [];
    const queued = await queueConflicts(conflicts, deps.batch.quarantine, identityOf, deps.batch.clock.now().toISOString());
    logger.info('tombstones applied', { sourceId: request.sourceId, keys: request.sourceKeys.length, reason: request.reason, outcome, ...queued });
    return;
  }
  if (request.kind === 'rejected-file') {
    const { recordType } = deps.catalog.source(request.sourceId);
    await deps.quarantine([rejectedFileEntry(request, recordType)]);
    logger.warn('unreadable file quarantined', { sourceId: request.sourceId, file: request.name, line: request.line, reason: request.reason });
    return;
  }
  const outcome = await normalizeBatch(request, deps.batch);
  logger.info('raw batch normalized', { sourceId: request.sourceId, rawKey: request.rawKey, ...outcome });
}
