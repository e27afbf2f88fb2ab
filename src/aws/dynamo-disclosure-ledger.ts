import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DisclosureEntry, DisclosureLedger } from '../ports/index.js';
import { batchGetItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';

const partition = (recordType: string) => `disclosure#${recordType}`;

/**
 * First publications in the state table, one item per record under `disclosure#<recordType>`.
 * Known records are filtered out with one batch read; each new one is a put conditional on
 * the item not existing, so a concurrent or repeated release can never move the first time.
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
    let added = 0;
    for (const entry of entries) {
      const pk = partition(entry.recordType);
      if (known.has(`${pk}\u0000${entry.recordId}`)) continue;
      try {
        await this.doc.send(
          new PutCommand({ TableName: this.table, Item: { pk, sk: entry.recordId, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
        added++;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    return added;
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
