import type { DatasetConfig } from '../config/catalog.js';
import type { QueueBacklog, WorkQueueBacklog } from '../ports/queue-stats.js';

/**
 * What is still at work on a dataset's records before they reach the SSOT: the normalize queue
 * and the runs of the dataset's sources.
 *
 * The route stage (the SSOT's stream) is not waited for: a release reads the SSOT itself (its
 * current records, and what changed since the previous release through the byTypeChanged index,
 * re-read with a margin), never what the route passed on. A version the stream has not routed
 * yet is in the release if it was stored before the read began; routing it later only sends
 * the request that releases what came after. The route's lag delays a release, it never makes
 * one half-processed, so it has no say in whether a release is final.
 */
export interface PipelineActivity {
  /**
   * The normalize queue, shared by every source: a message of any source counts against every
   * dataset, which is conservative (the message names its source only once it is read).
   */
  readonly normalizeQueue: WorkQueueBacklog;
  /**
   * The dataset's sources with a run in flight (neither completed nor abandoned). A run that
   * went stale while its messages are still queued is held by the queue's backlog instead.
   */
  readonly runsInFlight: (dataset: DatasetConfig) => Promise<readonly string[]>;
}

export type PipelineState = { readonly settled: true } | { readonly settled: false; readonly reason: string };

export const SETTLED: PipelineState = { settled: true };

const messages = (n: number, what: string) => `${n} normalize message${n === 1 ? '' : 's'} ${what}`;

/** Why the pipeline is not settled, in words a catalog entry can carry; undefined when it is. */
export function unsettledReason(backlog: QueueBacklog, runsInFlight: readonly string[]): string | undefined {
  const reasons = [
    ...(backlog.waiting > 0 ? [messages(backlog.waiting, 'waiting')] : []),
    ...(backlog.inFlight > 0 ? [messages(backlog.inFlight, 'in flight')] : []),
    ...(backlog.delayed > 0 ? [messages(backlog.delayed, 'delayed')] : []),
    ...(runsInFlight.length > 0 ? [`a run of ${runsInFlight.join(', ')} in flight`] : []),
  ];
  return reasons.length > 0 ? reasons.join(', ') : undefined;
}

/** Whether no work for the dataset is in flight: its release would be the final state of the cycle. */
export async function pipelineState(dataset: DatasetConfig, activity: PipelineActivity): Promise<PipelineState> {
  const [backlog, runs] = await Promise.all([activity.normalizeQueue.backlog(), activity.runsInFlight(dataset)]);
  const reason = unsettledReason(backlog, runs);
  return reason === undefined ? SETTLED : { settled: false, reason };
}
