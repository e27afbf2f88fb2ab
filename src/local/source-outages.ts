import { isDependencyUnreachable, outageLine, OutageTracker, type Backoff } from './runtime/outage-tracker.js';

/**
 * A failed sync that says its department could not be reached: what the runtime already calls an
 * outage (a refused, reset or timed-out connection), read from the failure's text, and what the
 * connectors say of a server gone (a name not resolved, a request timed out, a database
 * connection lost). A 4xx answer, bad JSON or a refused file is the data's.
 */
export function isDepartmentUnreachable(error: string): boolean {
  return (
    isDependencyUnreachable(new Error(error)) ||
    /\b(ENETUNREACH|EAI_AGAIN|ENOTFOUND)\b|timed out after \d+ ?ms|Connection lost|server has gone away/i.test(error)
  );
}

/** What a sync says of its failures (SyncSourcesOutcome's part this needs). */
export interface SyncFailures {
  readonly failures: readonly { readonly sourceId: string; readonly error: string; readonly file?: string }[];
}

/** The ingest function's scheduled event: the sources it syncs (all of them when absent). */
export interface ScheduledSync {
  readonly sourceIds?: readonly string[];
}

export interface SourceOutagesOptions {
  /** Syncs one source now (the ingest function, invoked for it alone). */
  readonly sync: (sourceId: string) => Promise<SyncFailures>;
  readonly say: (line: string) => void;
  /** Departments come back in minutes, not milliseconds: 5 s doubling to 5 minutes by default. */
  readonly backoff?: Backoff;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEPARTMENT_BACKOFF: Backoff = { firstMs: 5_000, maxMs: 5 * 60_000 };

/**
 * The local stand-in for EventBridge Scheduler's retry of a source whose department is down (its
 * database stopped, its server gone): the source is synced again with backoff until it syncs,
 * and the operator hears "unreachable" once, "still unreachable" once and "back" once per
 * outage, not a failure line per attempt. Its other sources keep their schedule; a sync resumes
 * from its checkpoint, so a retry repeats nothing.
 */
export class SourceOutages {
  private readonly retrying = new Map<string, OutageTracker>();
  private stopped = false;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SourceOutagesOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  /** After a scheduled sync: each source that failed unreachable starts being retried (unless it already is). */
  observe(outcome: SyncFailures): void {
    for (const failure of outcome.failures) {
      if (failure.file !== undefined || !isDepartmentUnreachable(failure.error) || this.retrying.has(failure.sourceId)) continue;
      const tracker = new OutageTracker({
        dependency: `source ${failure.sourceId}'s department`,
        backoff: this.options.backoff ?? DEPARTMENT_BACKOFF,
        stillDownAfter: { attempts: 5, ms: 10 * 60_000 },
        report: (report) => this.options.say(outageLine(report)),
      });
      this.retrying.set(failure.sourceId, tracker);
      void this.retry(failure.sourceId, tracker, tracker.failed(new Error(failure.error)));
    }
  }

  /**
   * A scheduled sync without the sources being retried (undefined when none is left): the
   * retry syncs them, and a second sync beside it would read the same pages twice at once.
   */
  scheduled(planned: ScheduledSync): ScheduledSync | undefined {
    if (!planned.sourceIds) return planned;
    const sourceIds = planned.sourceIds.filter((id) => !this.retrying.has(id));
    return sourceIds.length > 0 ? { ...planned, sourceIds } : undefined;
  }

  /** Sources being retried now. */
  get down(): readonly string[] {
    return [...this.retrying.keys()];
  }

  stop(): void {
    this.stopped = true;
  }

  private async retry(sourceId: string, tracker: OutageTracker, firstWaitMs: number): Promise<void> {
    let wait = firstWaitMs;
    try {
      while (!this.stopped) {
        await this.sleep(wait);
        if (this.stopped) return;
        const outcome = await this.options.sync(sourceId).catch((error: Error): SyncFailures => ({ failures: [{ sourceId, error: error.message }] }));
        const failure = outcome.failures.find((f) => f.sourceId === sourceId && f.file === undefined);
        if (!failure) {
          tracker.succeeded();
          return;
        }
        // Up again but failing for another reason (bad data): the schedule's next run reports it.
        if (!isDepartmentUnreachable(failure.error)) {
          tracker.succeeded();
          this.options.say(failure.error);
          return;
        }
        wait = tracker.failed(new Error(failure.error));
      }
    } finally {
      this.retrying.delete(sourceId);
    }
  }
}
