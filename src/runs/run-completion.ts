import { randomBytes } from 'node:crypto';
import type { Clock, MessageSender, RunState, SourceRuns } from '../ports/index.js';
import type { PublishRequest } from '../publish/request.js';

/** A run untouched this long (no message sent or normalized) was abandoned: a crashed sync, a message left to the dead-letter queue. */
export const RUN_STALE_SECONDS = 600;

/** Sorts by start time, unique per run. */
export function newRunId(startedAt: Date): string {
  return `${startedAt.toISOString()}~${randomBytes(4).toString('hex')}`;
}

export interface RunCompletionDeps {
  readonly runs: SourceRuns;
  readonly publishQueue: MessageSender;
  /** The datasets a source's records feed. */
  readonly datasetsOf: (sourceId: string) => readonly string[];
  readonly clock: Clock;
}

export const isRunDone = (state: RunState): boolean => state.sealed && state.done >= state.expected && !state.completed;

/**
 * Completes the run when every message it sent is normalized: exactly one caller (the
 * ingest that sealed it, or the normalize that did its last message) wins the claim and
 * asks for a release of each of the source's datasets at once. A run that sent nothing, or
 * whose messages changed neither records nor quarantine (an unchanged re-sync), asks for
 * nothing: a release would read the changes to find none. True when this call completed the run.
 */
export async function completeRunIfDone(sourceId: string, runId: string, state: RunState, deps: RunCompletionDeps): Promise<boolean> {
  if (!isRunDone(state)) return false;
  const now = deps.clock.now();
  if (!(await deps.runs.claimCompletion(sourceId, runId, now))) return false;
  const datasetIds = state.expected > 0 && state.changed !== false ? deps.datasetsOf(sourceId) : [];
  const requestedAt = now.toISOString();
  if (datasetIds.length > 0) {
    await deps.publishQueue.send(
      datasetIds.map((datasetId) =>
        JSON.stringify({ kind: 'publish-dataset', datasetId, requestedAt, trigger: 'run-complete', runId } satisfies PublishRequest),
      ),
    );
  }
  return true;
}
