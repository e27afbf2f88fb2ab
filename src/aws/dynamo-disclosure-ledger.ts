import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DisclosureEntry, DisclosureLedger } from '../ports/index.js';
import { batchGetItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';

const partition = (recordType: string) => `disclosure#${recordType}`;
/** A transaction holds at most 100 actions. */
const MAX_ACTIONS_PER_TRANSACTION = 100;
const FIRST_WRITE_ONLY = 'attribute_not_exists(pk)';

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
        if (!(error instanceof TransactionCanceledException) || !error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) throw error;
        for (const entry of chunk) if (await this.putFirst(entry)) added++;
      }
    }
    return added;
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
    for await (const page of pages) {
      for (const item of page) {
        const { recordId, decisionDate, firstPublishedAt, releaseId } = item as Record<string, string | undefined>;
        entries.push({
          recordType,
          recordId: recordId!,
          firstPublishedAt: firstPublishedAt!,
          releaseId: releaseId!,
          ...(decisionDate ? { decisionDate } : {}),
        });
      }
    }
    return entries;
  }
}
