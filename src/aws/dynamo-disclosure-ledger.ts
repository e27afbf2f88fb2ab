import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DisclosureEntry, DisclosureLedger, Withdrawal, WithdrawalMark } from '../ports/index.js';
import { batchGetItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';

const partition = (recordType: string) => `disclosure#${recordType}`;
/** A transaction holds at most 100 actions. */
const MAX_ACTIONS_PER_TRANSACTION = 100;
const FIRST_WRITE_ONLY = 'attribute_not_exists(pk)';
/** A withdrawal is kept once, and only for a record that was published. */
const FIRST_WITHDRAWAL_ONLY = 'attribute_exists(pk) AND attribute_not_exists(withdrawal)';
const SET_WITHDRAWAL = 'SET withdrawal = :withdrawal';

const key = (recordType: string, recordId: string) => ({ pk: partition(recordType), sk: recordId });
const keyString = (recordType: string, recordId: string) => `${partition(recordType)}\u0000${recordId}`;
const withdrawalOf = ({ reason, observedAt, withdrawnAt, releaseId, publicUntil }: WithdrawalMark): Withdrawal => ({
  reason,
  observedAt,
  withdrawnAt,
  releaseId,
  ...(publicUntil ? { publicUntil } : {}),
});
const isConditionCancellation = (error: unknown) =>
  error instanceof TransactionCanceledException && (error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed') ?? false);

/**
 * First publications in the state table, one item per record under `disclosure#<recordType>`.
 * Known records are filtered out with one batch read; the new ones are written in
 * transactions of up to 100 puts, each conditional on the item not existing, so a
 * concurrent or repeated release can never move the first time. A transaction cancelled
 * because another writer got there first is retried put by put, keeping the rest.
 */
export class DynamoDisclosureLedger implements DisclosureLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async recordFirstPublications(entries: readonly DisclosureEntry[]): Promise<number> {
    const keys = entries.map((e) => ({ pk: partition(e.recordType), sk: e.recordId }));
    const known = new Set(
      (await batchGetItems(this.doc, this.table, keys, { projection: 'pk, sk' })).map((item) => `${item.pk as string}\u0000${item.sk as string}`),
    );
    const fresh = entries.filter((e) => !known.has(`${partition(e.recordType)}\u0000${e.recordId}`));
    let added = 0;
    for (let start = 0; start < fresh.length; start += MAX_ACTIONS_PER_TRANSACTION) {
      const chunk = fresh.slice(start, start + MAX_ACTIONS_PER_TRANSACTION);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: chunk.map((entry) => ({ Put: { TableName: this.table, Item: this.item(entry), ConditionExpression: FIRST_WRITE_ONLY } })),
          }),
        );
        added += chunk.length;
      } catch (error) {
        if (!isConditionCancellation(error)) throw error;
        for (const entry of chunk) if (await this.putFirst(entry)) added++;
      }
    }
    return added;
  }

  /**
   * Withdrawals the same way: one batch read keeps only published records with none yet,
   * then conditional updates in transactions of up to 100, put by put when another writer won.
   */
  async recordWithdrawals(marks: readonly WithdrawalMark[]): Promise<WithdrawalMark[]> {
    const open = new Set(
      (
        await batchGetItems(
          this.doc,
          this.table,
          marks.map((m) => key(m.recordType, m.recordId)),
          { projection: 'pk, sk, withdrawal' },
        )
      )
        .filter((item) => item.withdrawal === undefined)
        .map((item) => `${item.pk as string}\u0000${item.sk as string}`),
    );
    const fresh = marks.filter((m) => open.has(keyString(m.recordType, m.recordId)));
    const recorded: WithdrawalMark[] = [];
    for (let start = 0; start < fresh.length; start += MAX_ACTIONS_PER_TRANSACTION) {
      const chunk = fresh.slice(start, start + MAX_ACTIONS_PER_TRANSACTION);
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: chunk.map((mark) => ({ Update: this.withdrawalUpdate(mark) })) }));
        recorded.push(...chunk);
      } catch (error) {
        if (!isConditionCancellation(error)) throw error;
        for (const mark of chunk) if (await this.withdrawFirst(mark)) recorded.push(mark);
      }
    }
    return recorded;
  }

  private withdrawalUpdate(mark: WithdrawalMark) {
    return {
      TableName: this.table,
      Key: key(mark.recordType, mark.recordId),
      UpdateExpression: SET_WITHDRAWAL,
      ConditionExpression: FIRST_WITHDRAWAL_ONLY,
      ExpressionAttributeValues: { ':withdrawal': withdrawalOf(mark) },
    };
  }

  /** One conditional update: false when the record is unknown or already withdrawn. */
  private async withdrawFirst(mark: WithdrawalMark): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand(this.withdrawalUpdate(mark)));
      return true;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  private item(entry: DisclosureEntry): Record<string, unknown> {
    return { pk: partition(entry.recordType), sk: entry.recordId, ...entry };
  }

  /** One conditional put: false when the record already has its first time. */
  private async putFirst(entry: DisclosureEntry): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: this.item(entry), ConditionExpression: FIRST_WRITE_ONLY }));
      return true;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  async list(recordType: string): Promise<DisclosureEntry[]> {
    const entries: DisclosureEntry[] = [];
    const pages = queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition(recordType) },
    });
    for await (const page of pages) for (const item of page) entries.push(entryOf(recordType, item));
    return entries;
  }

  /** By key in batches of 100: whatever the ledger's size, reading a release's few withdrawals costs only their own reads. */
  async find(recordType: string, recordIds: readonly string[]): Promise<DisclosureEntry[]> {
    const items = await batchGetItems(
      this.doc,
      this.table,
      recordIds.map((id) => key(recordType, id)),
      { consistentRead: true },
    );
    return items.map((item) => entryOf(recordType, item));
  }
}

function entryOf(recordType: string, item: Record<string, unknown>): DisclosureEntry {
  const { recordId, decisionDate, firstPublishedAt, releaseId } = item as Record<string, string | undefined>;
  const withdrawal = item.withdrawal as Withdrawal | undefined;
  return {
    recordType,
    recordId: recordId!,
    firstPublishedAt: firstPublishedAt!,
    releaseId: releaseId!,
    ...(decisionDate ? { decisionDate } : {}),
    ...(withdrawal ? { withdrawal } : {}),
  };
}
