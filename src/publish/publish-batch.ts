import type { DatasetConfig } from '../config/catalog.js';
import type { PublishRequest } from './request.js';
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
  return request as PublishRequest;
}

/** However many messages name a dataset in one batch, it is settled once, from the earliest request. */
export function coalescePublishRequests(messages: readonly PublishMessage[]): CoalescedBatch {
  const byDataset = new Map<string, { requestedAt: Date; messageIds: string[] }>();
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
    if (!entry) byDataset.set(request.datasetId, { requestedAt, messageIds: [message.messageId] });
    else {
      if (requestedAt < entry.requestedAt) entry.requestedAt = requestedAt;
      entry.messageIds.push(message.messageId);
    }
  }
  return { datasets: [...byDataset].map(([datasetId, entry]) => ({ datasetId, ...entry })), unreadable };
}

export interface PublishBatchDeps {
  readonly datasets: readonly DatasetConfig[];
  readonly settle: (dataset: DatasetConfig, requestedAt: Date) => Promise<SettleOutcome>;
  readonly settled?: (datasetId: string, outcome: SettleOutcome) => void;
  readonly failed?: (what: { readonly datasetId?: string; readonly messageId?: string }, error: string) => void;
}

/**
 * Settles a batch of publish requests; returns the ids of the messages to retry: each
 * unreadable message, and every message of a dataset whose settling failed.
 */
export async function settlePublishBatch(messages: readonly PublishMessage[], deps: PublishBatchDeps): Promise<string[]> {
  const batch = coalescePublishRequests(messages);
  const failed: string[] = [];
  for (const { messageId, error } of batch.unreadable) {
    deps.failed?.({ messageId }, error);
    failed.push(messageId);
  }
  for (const { datasetId, requestedAt, messageIds } of batch.datasets) {
    try {
      const dataset = deps.datasets.find((d) => d.id === datasetId);
      if (!dataset) throw new Error(`unknown dataset "${datasetId}"`);
      const outcome = await deps.settle(dataset, requestedAt);
      deps.settled?.(datasetId, outcome);
    } catch (error) {
      deps.failed?.({ datasetId }, (error as Error).message);
      failed.push(...messageIds);
    }
  }
  return failed;
}
