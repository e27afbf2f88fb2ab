import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuarantineStore } from '../ports/index.js';
import { boundedEntry, supersededBy, type QuarantineEntry, type QuarantineKind } from '../quarantine/entry.js';
import { batchGetItems, batchWriteItems, type WriteRequest } from './dynamo-batch.js';
import { countQuery, queryPages } from './dynamo-query.js';

const pkOf = (sourceId: string): string => `source#${sourceId}`;
const skOf = (sourceKey: string): string => `item#${sourceKey}`;

/** Quarantine entries in their own table: one partition per source, one item per source key. */
export class DynamoQuarantineStore implements QuarantineStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(entries: readonly QuarantineEntry[]): Promise<void> {
    const unique = [...new Map(entries.map((e) => [`${e.sourceId}\u0000${e.sourceKey}`, boundedEntry(e)])).values()];
    await this.batchWrite(unique.map((e) => ({ PutRequest: { Item: { pk: pkOf(e.sourceId), sk: skOf(e.sourceKey), ...e } } })));
  }

  async get(sourceId: string, sourceKey: string): Promise<QuarantineEntry | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: pkOf(sourceId), sk: skOf(sourceKey) }, ConsistentRead: true }));
    return out.Item as QuarantineEntry | undefined;
  }

  async remove(sourceId: string, sourceKeys: readonly string[]): Promise<void> {
    await this.batchWrite([...new Set(sourceKeys)].map((key) => ({ DeleteRequest: { Key: { pk: pkOf(sourceId), sk: skOf(key) } } })));
  }

  /** A source with an empty quarantine costs one small query per call. */
  async release(sourceId: string, rows: readonly { readonly sourceKey: string; readonly extractedAt: string }[]): Promise<number> {
    if (rows.length === 0 || !(await this.hasEntries(sourceId))) return 0;
    const validAt = new Map(rows.map((r) => [r.sourceKey, r.extractedAt]));
    const keys = [...validAt.keys()].map((key) => ({ pk: pkOf(sourceId), sk: skOf(key) }));
    const entries = await batchGetItems(this.doc, this.table, keys, { consistentRead: true, projection: 'sourceKey, extractedAt, quarantinedAt' });
    const released = entries.filter((item) => supersededBy(item, validAt.get(String(item.sourceKey))!)).map((item) => String(item.sourceKey));
    await this.remove(sourceId, released);
    return released.length;
  }

  async hasEntries(sourceId: string): Promise<boolean> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pkOf(sourceId) },
        Limit: 1,
        ProjectionExpression: 'sk',
      }),
    );
    return (out.Items ?? []).length > 0;
  }

  async list(sourceId: string): Promise<QuarantineEntry[]> {
    const entries: QuarantineEntry[] = [];
    for await (const items of queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pkOf(sourceId) },
    })) {
      entries.push(...(items as unknown as QuarantineEntry[]));
    }
    return entries;
  }

  count(sourceId: string, kind?: QuarantineKind): Promise<number> {
    const all = { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(sourceId) } };
    if (kind === undefined) return countQuery(this.doc, all);
    // Entries from before kinds existed carry none: they are validation entries.
    return countQuery(this.doc, {
      ...all,
      FilterExpression: kind === 'validation' ? 'attribute_not_exists(#kind) OR #kind = :kind' : '#kind = :kind',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: { ...all.ExpressionAttributeValues, ':kind': kind },
    });
  }

  private batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    return batchWriteItems(this.doc, this.table, requests);
  }
}
