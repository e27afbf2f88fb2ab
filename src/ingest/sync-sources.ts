import type { SourceConfig } from '../config/catalog.js';
import { completeRunIfDone, newRunId, type RunCompletionDeps } from '../runs/run-completion.js';
import { RunMessageSender } from '../runs/run-messages.js';
import { logger } from '../util/logger.js';
import { syncSource, type SyncDeps, type SyncOptions, type SyncProgress, type SyncResult } from './sync-source.js';

export interface SourceFailure {
  readonly sourceId: string;
  readonly error: string;
}

export interface SyncSourcesOutcome {
  readonly results: readonly SyncResult[];
  /** Sources that failed, with why; the others were synced regardless. */
  readonly failures: readonly SourceFailure[];
}

/** What a caller hears while sources sync (log lines, a progress bar, JSON lines). */
export interface SyncObserver {
  readonly started?: (source: SourceConfig) => void;
  readonly page?: (source: SourceConfig, progress: SyncProgress) => void;
  readonly synced?: (source: SourceConfig, result: SyncResult) => void;
  readonly failed?: (source: SourceConfig, error: Error) => void;
}

/** With a run ledger, each source's sync is a run that signals its end (see run-completion). */
export type SyncSourcesDeps = SyncDeps & { readonly runs?: RunCompletionDeps };

/**
 * Syncs each source in turn: one department's failure (a database down, a refused mass
 * delete) is reported and does not keep the others from syncing. With a run ledger each
 * sync is a run: its normalize messages carry the run id, and once it has sent its last
 * one the run is sealed with their count, so whoever finishes it asks for the releases.
 */
export async function syncSources(
  sources: readonly SourceConfig[],
  deps: SyncSourcesDeps,
  options: Omit<SyncOptions, 'onPage'>,
  observer: SyncObserver = {},
): Promise<SyncSourcesOutcome> {
  const results: SyncResult[] = [];
  const failures: SourceFailure[] = [];
  for (const source of sources) {
    observer.started?.(source);
    const run = deps.runs ? await openRun(source, deps, deps.runs) : undefined;
    try {
      const result = await syncSource(source, run ? { ...deps, normalizeQueue: run } : deps, {
        ...options,
        onPage: (progress) => observer.page?.(source, progress),
      });
      observer.synced?.(source, result);
      results.push(result);
    } catch (error) {
      observer.failed?.(source, error as Error);
      failures.push({ sourceId: source.id, error: (error as Error).message });
    }
    // A failed sync is sealed too: what it sent is normalized, and the run must not hold releases back.
    // A run that cannot be sealed goes stale: its changes are then released by the quiet debounce.
    if (run && deps.runs)
      await sealRun(source, run, deps.runs).catch((error: Error) =>
        logger.warn('source run not sealed', { sourceId: source.id, runId: run.runId, error: error.message }),
      );
  }
  return { results, failures };
}

/** True when there was something to sync and all of it failed: the scheduler should retry the run. */
export function everySourceFailed(outcome: SyncSourcesOutcome): boolean {
  return outcome.failures.length > 0 && outcome.results.length === 0;
}

export function failuresSummary(outcome: SyncSourcesOutcome): string {
  return `every source failed: ${outcome.failures.map((f) => `${f.sourceId}: ${f.error}`).join('; ')}`;
}

async function openRun(source: SourceConfig, deps: SyncDeps, runs: RunCompletionDeps): Promise<RunMessageSender> {
  const startedAt = runs.clock.now();
  const run = new RunMessageSender(deps.normalizeQueue, newRunId(startedAt));
  await runs.runs.open(source.id, run.runId, startedAt);
  return run;
}

async function sealRun(source: SourceConfig, run: RunMessageSender, runs: RunCompletionDeps): Promise<void> {
  const state = await runs.runs.seal(source.id, run.runId, run.sent, runs.clock.now());
  await completeRunIfDone(source.id, run.runId, state, runs);
}
