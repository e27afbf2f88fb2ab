import type { Catalog } from '../config/catalog-context.js';
import type { QuarantineEntry } from '../quarantine/entry.js';
import type { TombstoneOutcome } from '../ssot/model.js';
import { logger } from '../util/logger.js';
import { queueConflicts } from './conflict-queue.js';
import { normalizeBatch, type NormalizeDeps } from './normalize-batch.js';
import { rejectedFileEntry } from './quarantine-file.js';
import { parseNormalizeMessage, runOf, type NormalizeMessage, type TombstonesRequest } from './request.js';
import { completeRunIfDone, type RunCompletionDeps } from '../runs/run-completion.js';

export interface NormalizeMessageDeps {
  readonly catalog: Catalog;
  readonly batch: NormalizeDeps;
  readonly tombstone: (request: TombstonesRequest) => Promise<TombstoneOutcome>;
  readonly quarantine: (entries: readonly QuarantineEntry[]) => Promise<void>;
  /** The run ledger: a message of a source run is counted done, and the last one completes the run. */
  readonly runs?: RunCompletionDeps;
}

/** One normalize-queue message: a raw batch to normalize, tombstones to apply, or an unreadable file to quarantine. */
export async function normalizeMessage(body: string, deps: NormalizeMessageDeps): Promise<void> {
  const request = parseNormalizeMessage(body);
  const changed = await applyMessage(request, deps);
  await countDone(request, changed, deps);
}

/** After the message's work is stored: a redelivery counts the same number again, which changes nothing. */
async function countDone(request: NormalizeMessage, changed: boolean, deps: NormalizeMessageDeps): Promise<void> {
  const run = runOf(request);
  if (!run || !deps.runs) return;
  const state = await deps.runs.runs.done(request.sourceId, run.runId, run.runSeq, deps.runs.clock.now(), changed);
  if (await completeRunIfDone(request.sourceId, run.runId, state, deps.runs))
    logger.info('source run complete', { sourceId: request.sourceId, runId: run.runId });
}

/**
 * Applies one message; true when it changed records or quarantine. A redelivery of a message
 * whose first attempt stored its work finds nothing to change: its changes are then released
 * through the route's own publish requests (the quiet debounce), not by the run.
 */
async function applyMessage(request: NormalizeMessage, deps: NormalizeMessageDeps): Promise<boolean> {
  if (request.kind === 'tombstones') {
    const { conflicts = [], ...outcome } = await deps.tombstone(request);
    // A withdrawn row can resolve an identity conflict: its entries leave the steward's queue.
    const identityOf = (type: string) => deps.batch.recordType(type).identity ?? [];
    const queued = await queueConflicts(conflicts, deps.batch.quarantine, identityOf, deps.batch.clock.now().toISOString());
    logger.info('tombstones applied', { sourceId: request.sourceId, keys: request.sourceKeys.length, reason: request.reason, outcome, ...queued });
    return outcome.withdrawn > 0 || conflicts.length > 0;
  }
  if (request.kind === 'rejected-file') {
    const { recordType } = deps.catalog.source(request.sourceId);
    await deps.quarantine([rejectedFileEntry(request, recordType)]);
    logger.warn('unreadable file quarantined', { sourceId: request.sourceId, file: request.name, line: request.line, reason: request.reason });
    return true;
  }
  const outcome = await normalizeBatch(request, deps.batch);
  logger.info('raw batch normalized', { sourceId: request.sourceId, rawKey: request.rawKey, ...outcome });
  const { created, updated, conflicted = 0, released, conflictsRaised, conflictsCleared } = outcome;
  return created + updated + conflicted + released + conflictsRaised + conflictsCleared > 0;
}
