import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RunState, SourceRuns } from '../ports/index.js';

/** Runs live in the state table beside the source's checkpoints; run ids start with their start time, so the newest sort last. */
const key = (sourceId: string, runId: string) => ({ pk: `source-runs#${sourceId}`, sk: `run#${runId}` });

/**
 * `inFlight` looks at a source's newest run only. A source syncs one run at a time (its
 * checkpoint is conditional on the revision read), so a newer run means an older one that
 * never finished was interrupted — a sync killed mid-run — and must not hold releases back:
 * what it sent is released with the newer run, or by the quiet debounce.
 */
const NEWEST_RUN = 1;

function stateOf(item: Record<string, unknown> | undefined): RunState {
  const done = item?.done as Set<number> | undefined;
  return {
    sealed: item?.sealed === true,
    expected: Number(item?.expected ?? 0),
    done: done?.size ?? 0,
    completed: typeof item?.completedAt === 'string',
    changed: Number(item?.changes ?? 0) > 0,
  };
}

/**
 * The run ledger on DynamoDB: counters by UpdateItem (ADD to a number set of message
 * sequence numbers, so a redelivered message counts once), completion by a conditional update.
 */
export class DynamoSourceRuns implements SourceRuns {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async open(sourceId: string, runId: string, at: Date): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...key(sourceId, runId), startedAt: at.toISOString(), touchedAt: at.toISOString() } }));
  }

  async seal(sourceId: string, runId: string, expected: number, at: Date): Promise<RunState> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(sourceId, runId),
        UpdateExpression: 'SET sealed = :true, expected = :expected, touchedAt = :at',
        ExpressionAttributeValues: { ':true': true, ':expected': expected, ':at': at.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stateOf(out.Attributes);
  }

  async done(sourceId: string, runId: string, seq: number, at: Date, changed = true): Promise<RunState> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(sourceId, runId),
        UpdateExpression: `ADD done :seq${changed ? ', changes :one' : ''} SET touchedAt = :at`,
        ExpressionAttributeValues: { ':seq': new Set([seq]), ':at': at.toISOString(), ...(changed ? { ':one': 1 } : {}) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stateOf(out.Attributes);
  }

  async claimCompletion(sourceId: string, runId: string, at: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(sourceId, runId),
          UpdateExpression: 'SET completedAt = :at, touchedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async inFlight(sourceId: string, now: Date, staleSeconds: number): Promise<boolean> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
        ExpressionAttributeValues: { ':pk': `source-runs#${sourceId}`, ':run': 'run#' },
        ProjectionExpression: 'completedAt, touchedAt',
        ScanIndexForward: false,
        Limit: NEWEST_RUN,
        ConsistentRead: true,
      }),
    );
    const freshAfter = now.getTime() - staleSeconds * 1000;
    return (out.Items ?? []).some((item) => item.completedAt === undefined && Date.parse(String(item.touchedAt)) > freshAfter);
  }
}
