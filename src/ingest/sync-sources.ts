import type { SourceConfig } from '../config/catalog.js';
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

/**
 * Syncs each source in turn: one department's failure (a database down, a refused mass
 * delete) is reported and does not keep the others from syncing.
 */
export async function syncSources(
  sources: readonly SourceConfig[],
  deps: SyncDeps,
  options: Omit<SyncOptions, 'onPage'>,
  observer: SyncObserver = {},
): Promise<SyncSourcesOutcome> {
  const results: SyncResult[] = [];
  const failures: SourceFailure[] = [];
  for (const source of sources) {
    observer.started?.(source);
    try {
      const result = await syncSource(source, deps, { ...options, onPage: (progress) => observer.page?.(source, progress) });
      observer.synced?.(source, result);
      results.push(result);
    } catch (error) {
      observer.failed?.(source, error as Error);
      failures.push({ sourceId: source.id, error: (error as Error).message });
    }
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
