import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountedChange, LiveRecordCounts, RecordCounts } from '../ports/index.js';
import { changesAfter, deltasByType } from '../route/live-count-batch.js';
import { queryPages } from './dynamo-query.js';
import { backoffDelayMs, pause } from './retry.js';

/**
 * The counters in the state table: one partition holds a counter item per record type
 * (sk = the type, `live` = its count) and the baseline (sk `#since`), so reading them all is
 * one Query. Each counted batch leaves a marker in a partition of its own, keyed by its
 * first stream record's sequence number and holding its last. The state table has no TTL,
 * so markers stay: one small item per batch that changed a count.
 */
const COUNTS_PK = 'record-counts';
const BASELINE_SK = '#since';
const LIVE = 'live';
const markerKey = (firstSequenceNumber: string) => ({ pk: `record-count-batch#${firstSequenceNumber}`, sk: 'batch' });

/** One action of the 100 a transaction allows is the marker. */
const MAX_TYPES_PER_BATCH = 99;
/** Attempts of a transaction that other writers of the same counters kept cancelling. */
const MAX_ATTEMPTS = 6;

/** Cancellations another attempt may get past: another transaction on a counter, throttling. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'None']);

type CommitOutcome = 'committed' | 'marked' | 'contended';

export class DynamoRecordCounts implements RecordCounts {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * One TransactWriteItems per batch: the marker (only if absent) and an ADD per type. A
   * marker already there means this batch, or one from the same first record, was counted:
   * only the records past its last are counted, under a marker of their own. A batch whose
   * deltas sum to 0 for every type writes nothing: its retries then add the same sums.
   *
   * What this does not cover: an invocation that timed out after its commit, retried by the
   * event source mapping bisected, counts the second half again (its first record differs).
   */
  async apply(changes: readonly CountedChange[], at: Date): Promise<void> {
    let pending = changes;
    for (let attempt = 1; ;) {
      const sums = deltasByType(pending);
      if (sums.size === 0) return;
      const first = pending[0]!.sequenceNumber;
      const outcome = await this.commit(first, pending.at(-1)!.sequenceNumber, sums, at);
      if (outcome === 'committed') return;
      if (outcome === 'marked') {
        pending = changesAfter(pending, await this.markedLast(first));
        continue;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`record counts: the batch from ${first} was cancelled ${MAX_ATTEMPTS} times by concurrent writes`);
      await pause(backoffDelayMs(attempt++));
    }
  }

  private async commit(first: string, last: string, sums: ReadonlyMap<string, number>, at: Date): Promise<CommitOutcome> {
    if (sums.size > MAX_TYPES_PER_BATCH) throw new Error(`record counts: one batch changed ${sums.size} record types, over ${MAX_TYPES_PER_BATCH}`);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...markerKey(first), first, last, countedAt: at.toISOString() },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...[...sums].map(([recordType, delta]) => ({
              Update: {
                TableName: this.table,
                Key: { pk: COUNTS_PK, sk: recordType },
                UpdateExpression: 'ADD #live :delta',
                ExpressionAttributeNames: { '#live': LIVE },
                ExpressionAttributeValues: { ':delta': delta },
              },
            })),
          ],
        }),
      );
      return 'committed';
    } catch (error) {
      const { name, CancellationReasons } = error as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (name === 'TransactionConflictException') return 'contended';
      if (name !== 'TransactionCanceledException') throw error;
      if (CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'marked';
      if ((CancellationReasons ?? []).every((r) => RETRYABLE_REASONS.has(r.Code ?? 'None'))) return 'contended';
      throw error;
    }
  }

  private async markedLast(first: string): Promise<string> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: markerKey(first), ConsistentRead: true }));
    if (typeof out.Item?.last !== 'string') throw new Error(`record counts: the marker of the batch from ${first} holds no last sequence number`);
    return out.Item.last;
  }

  async read(): Promise<LiveRecordCounts> {
    let since: string | undefined;
    const live = new Map<string, number>();
    const query = { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': COUNTS_PK }, ConsistentRead: true };
    for await (const items of queryPages(this.doc, query)) {
      for (const item of items) {
        if (item.sk === BASELINE_SK) since = String(item.since);
        else live.set(String(item.sk), Number(item[LIVE] ?? 0));
      }
    }
    return { ...(since !== undefined ? { since } : {}), live };
  }

  /** Marks counting as begun, for a records table created empty just now; an existing baseline is kept. */
  async writeBaseline(at: Date): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: COUNTS_PK, sk: BASELINE_SK, since: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
