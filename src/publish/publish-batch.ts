import type { DatasetConfig } from '../config/catalog.js';
import type { PublishRequest, PublishTrigger } from './request.js';
import type { SettleOutcome } from './settle-request.js';

/** One queue message as the publish function receives it. */
export interface PublishMessage {
  readonly messageId: string;
  readonly body: string;
}

/** The requests of one batch for one dataset: settled once, from the earliest. */
export interface CoalescedRequest {
  readonly datasetId: string;
  readonly requestedAt: Date;
  readonly messageIds: readonly string[];
  /** run-complete when any of the messages came from the end of a source run. */
  readonly trigger?: PublishTrigger;
  /** The most failed attempts among the messages (absent: none failed yet). */
  readonly attempt?: number;
}

export interface CoalescedBatch {
  readonly datasets: readonly CoalescedRequest[];
  /** Messages that are no publish request; each fails alone. */
  readonly unreadable: readonly { readonly messageId: string; readonly error: string }[];
}

export function parsePublishRequest(body: string): PublishRequest {
  let request: Partial<PublishRequest>;
  try {
    request = JSON.parse(body) as Partial<PublishRequest>;
  } catch {
    throw new Error(`not a publish request: ${body.slice(0, 200)}`);
  }
  if (request?.kind !== 'publish-dataset' || typeof request.datasetId !== 'string' || Number.isNaN(Date.parse(request.requestedAt ?? ''))) {
    throw new Error(`not a publish request: ${body.slice(0, 200)}`);
  }
  if (request.attempt !== undefined && !(Number.isInteger(request.attempt) && request.attempt >= 0))
    throw new Error(`not a publish request: ${body.slice(0, 200)}`);
  return request as PublishRequest;
}

/** However many messages name a dataset in one batch, it is settled once, from the earliest request. */
export function coalescePublishRequests(messages: readonly PublishMessage[]): CoalescedBatch {
  const byDataset = new Map<string, { requestedAt: Date; messageIds: string[]; trigger?: PublishTrigger; attempt?: number }>();
  const unreadable: { messageId: string; error: string }[] = [];
  for (const message of messages) {
    let request: PublishRequest;
    try {
      request = parsePublishRequest(message.body);
    } catch (error) {
      unreadable.push({ messageId: message.messageId, error: (error as Error).message });
      continue;
    }
    const requestedAt = new Date(request.requestedAt);
    const entry = byDataset.get(request.datasetId);
    const runComplete = request.trigger === 'run-complete' ? ({ trigger: 'run-complete' } as const) : {};
    const attempt = request.attempt !== undefined ? { attempt: request.attempt } : {};
    if (!entry) byDataset.set(request.datasetId, { requestedAt, messageIds: [message.messageId], ...runComplete, ...attempt });
    else {
      if (requestedAt < entry.requestedAt) entry.requestedAt = requestedAt;
      entry.messageIds.push(message.messageId);
      Object.assign(entry, runComplete);
      if (request.attempt !== undefined && request.attempt > (entry.attempt ?? 0)) entry.attempt = request.attempt;
    }
  }
  return { datasets: [...byDataset].map(([datasetId, entry]) => ({ datasetId, ...entry })), unreadable };
}

/** Failed requests go back on the queue this many times before they are left to the dead-letter queue. */
export const PUBLISH_ATTEMPTS = 5;

/** The delay before the n-th retry (n from 1): 10, 20, 40, 60, 60 s; never more than a minute. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(60, 10 * 2 ** Math.max(0, attempt - 1));
}

export interface PublishBatchDeps {
  readonly datasets: readonly DatasetConfig[];
  readonly settle: (dataset: DatasetConfig, requestedAt: Date, request: CoalescedRequest) => Promise<SettleOutcome>;
  /**
   * Sends a failed request back on the queue with a delay, so it is retried within a minute
   * rather than after the visibility timeout; without it, the failed messages are reported.
   */
  readonly retry?: (request: PublishRequest, delaySeconds: number) => Promise<void>;
  readonly settled?: (datasetId: string, outcome: SettleOutcome) => void;
  /**
   * Aborted as the function's deadline nears (settle gets it too, and stops a build): the
   * requests not settled by then go back on the queue as they were, not counted as failed.
   */
  readonly signal?: AbortSignal;
  readonly failed?: (what: { readonly datasetId?: string; readonly messageId?: string }, error: string) => void;
}

/**
 * Settles a batch of publish requests; returns the ids of the messages to retry: each
 * unreadable message, and every message of a dataset whose settling failed and could not
 * be sent again (no `retry`, its attempts spent, or the send failed): those reach the
 * dead-letter queue by the queue's redrive policy.
 */
export async function settlePublishBatch(messages: readonly PublishMessage[], deps: PublishBatchDeps): Promise<string[]> {
  const batch = coalescePublishRequests(messages);
  const failed: string[] = [];
  for (const { messageId, error } of batch.unreadable) {
    deps.failed?.({ messageId }, error);
    failed.push(messageId);
  }
  for (const request of batch.datasets) {
    const { datasetId, requestedAt, messageIds } = request;
    if (deps.signal?.aborted) {
      if (!(await sentAgain(request, deps, { counted: false }))) failed.push(...messageIds);
      continue;
    }
    try {
      const dataset = deps.datasets.find((d) => d.id === datasetId);
      if (!dataset) throw new Error(`unknown dataset "${datasetId}"`);
      const outcome = await deps.settle(dataset, requestedAt, request);
      deps.settled?.(datasetId, outcome);
    } catch (error) {
      // A build stopped at the deadline is an attempt like any failure: a dataset that never builds in time reaches the dead-letter queue.
      deps.failed?.({ datasetId }, (error as Error).message);
      if (!(await sentAgain(request, deps))) failed.push(...messageIds);
    }
  }
  return failed;
}

/** True when the request is back on the queue, delayed, for another attempt (counted: after a failure). */
async function sentAgain(request: CoalescedRequest, deps: PublishBatchDeps, { counted } = { counted: true }): Promise<boolean> {
  const attempt = (request.attempt ?? 0) + (counted ? 1 : 0);
  if (!deps.retry || attempt >= PUBLISH_ATTEMPTS) return false;
  const again: PublishRequest = {
    kind: 'publish-dataset',
    datasetId: request.datasetId,
    requestedAt: request.requestedAt.toISOString(),
    ...(request.trigger ? { trigger: request.trigger } : {}),
    ...(attempt > 0 ? { attempt } : {}),
  };
  try {
    await deps.retry(again, counted ? retryDelaySeconds(attempt) : 1);
    return true;
  } catch (error) {
    deps.failed?.({ datasetId: request.datasetId }, `could not send the retry: ${(error as Error).message}`);
    return false;
  }
}
