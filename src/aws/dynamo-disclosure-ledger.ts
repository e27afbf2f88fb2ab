import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DisclosureEntry, DisclosureLedger, Withdrawal, WithdrawalMark } from '../ports/index.js';
import { mapBounded } from '../util/map-bounded.js';
import { batchGetItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';

const partition = (recordType: string) => `disclosure#${recordType}`;
/** Conditional writes in flight at a time. */
const WRITES_IN_FLIGHT = 16;
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

/**
 * First publications in the state table, one item per record under `disclosure#<recordType>`.
 * Known records are filtered out with one batch read; each new one is a put conditional on the
 * item not existing, so a concurrent or repeated release can never move the first time. Each
 * mark stands alone (no reader needs a release's marks all or none), so the puts are plain
 * conditional writes, not transactions, which DynamoDB bills twice.
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
    const written = await mapBounded(fresh, WRITES_IN_FLIGHT, (entry) => this.putFirst(entry));
    return written.filter(Boolean).length;
  }

  /**
   * Withdrawals the same way: one batch read keeps only published records with none yet, then
   * one conditional update each (a record another writer withdrew first keeps its withdrawal).
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
    const written = await mapBounded(fresh, WRITES_IN_FLIGHT, (mark) => this.withdrawFirst(mark));
    return fresh.filter((_, i) => written[i]);
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
