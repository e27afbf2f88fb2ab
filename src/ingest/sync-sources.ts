import type { SourceConfig } from '../config/catalog.js';
import { completeRunIfDone, newRunId, type RunCompletionDeps } from '../runs/run-completion.js';
import { RunMessageSender } from '../runs/run-messages.js';
import { logger } from '../util/logger.js';
import type { FileReason } from './files/file-reason.js';
import type { SetAsideDisposition } from './files/inbox.js';
import { MassDeleteRefusedError } from './key-ledger.js';
import { syncSource, type SyncDeps, type SyncOptions, type SyncProgress, type SyncResult } from './sync-source.js';

/** A source whose sync failed, or a file of it set aside (rejected or held) instead of being ingested. */
export interface SourceFailure {
  readonly sourceId: string;
  /** Why, in English (logs, the scheduler's retry message). */
  readonly error: string;
  /** Why, in both languages. */
  readonly reason: FileReason;
  /** The dropped file, when the failure is a file set aside. */
  readonly file?: string;
  readonly disposition?: SetAsideDisposition;
}

/** A sync error in both languages: the guard says its own; anything else is named in English, and said so in Chinese. */
export function failureReason(error: Error): FileReason {
  if (error instanceof MassDeleteRefusedError) return { zh: error.messageZh, en: error.message };
  return { zh: '同步出错（错误详情见英文说明）', en: error.message };
}

export interface SyncSourcesOutcome {
  readonly results: readonly SyncResult[];
  /** Sources that failed and files set aside, with why; the others were synced regardless. */
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
      for (const f of result.setAside ?? [])
        failures.push({ sourceId: source.id, file: f.file, disposition: f.disposition, reason: f.reason, error: `${f.file} ${f.disposition}: ${f.reason.en}` });
    } catch (error) {
      observer.failed?.(source, error as Error);
      failures.push({ sourceId: source.id, error: (error as Error).message, reason: failureReason(error as Error) });
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

/** True when there was something to sync and all of it failed: the scheduler should retry the run (a file set aside is not retried). */
export function everySourceFailed(outcome: SyncSourcesOutcome): boolean {
  return outcome.failures.length > 0 && outcome.results.length === 0;
}

/** Each failure as the CLI's JSON summaries list it: the source, the file when one was set aside, why in both languages. */
export function failedList(
  outcome: Pick<SyncSourcesOutcome, 'failures'>,
): { source: string; file?: string; disposition?: SetAsideDisposition; reason: FileReason }[] {
  return outcome.failures.map((f) => ({ source: f.sourceId, ...(f.file === undefined ? {} : { file: f.file, disposition: f.disposition }), reason: f.reason }));
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
