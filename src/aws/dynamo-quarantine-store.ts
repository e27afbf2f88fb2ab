import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuarantineStore } from '../ports/index.js';
import { boundedEntry, supersededBy, type QuarantineEntry, type QuarantineKind } from '../quarantine/entry.js';
import { batchGetItems, batchWriteItems, type WriteRequest } from './dynamo-batch.js';
import { countQuery, queryPages } from './dynamo-query.js';
import { ENTRY_PREFIX, QuarantineKeyIndex } from './quarantine-key-index.js';

const pkOf = (sourceId: string): string => `source#${sourceId}`;
const skOf = (sourceKey: string): string => `${ENTRY_PREFIX}${sourceKey}`;

/**
 * Quarantine entries in their own table: one partition per source, one item per source key,
 * and a keys-only index of them (quarantine-key-index.ts) ahead of the entries.
 */
export class DynamoQuarantineStore implements QuarantineStore {
  private readonly index: QuarantineKeyIndex;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.index = new QuarantineKeyIndex(doc, table);
  }

  async put(entries: readonly QuarantineEntry[]): Promise<void> {
    const unique = [...new Map(entries.map((e) => [`${e.sourceId}\u0000${e.sourceKey}`, boundedEntry(e)])).values()];
    // Indexed first: a crash in between leaves a key without entry (harmless), never an entry without key.
    for (const [sourceId, keys] of bySource(unique)) await this.index.add(sourceId, keys);
    await this.batchWrite(unique.map((e) => ({ PutRequest: { Item: { pk: pkOf(e.sourceId), sk: skOf(e.sourceKey), ...e } } })));
  }

  async get(sourceId: string, sourceKey: string): Promise<QuarantineEntry | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: pkOf(sourceId), sk: skOf(sourceKey) }, ConsistentRead: true }));
    return out.Item as QuarantineEntry | undefined;
  }

  async remove(sourceId: string, sourceKeys: readonly string[]): Promise<void> {
    const keys = [...new Set(sourceKeys)];
    if (keys.length === 0) return;
    await this.batchWrite(keys.map((key) => ({ DeleteRequest: { Key: { pk: pkOf(sourceId), sk: skOf(key) } } })));
    await this.index.delete(sourceId, keys);
  }

  /**
   * One small consistent query of the source's key index per call; only the valid rows that
   * are in it are read (consistently) and, when superseded, deleted.
   */
  async release(sourceId: string, rows: readonly { readonly sourceKey: string; readonly extractedAt: string }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const index = await this.index.read(sourceId);
    if (index.state === 'empty') return 0;
    const quarantined = index.state === 'indexed' ? index.keys : await this.index.build(sourceId);
    const validAt = new Map(rows.filter((r) => quarantined.has(r.sourceKey)).map((r) => [r.sourceKey, r.extractedAt]));
    if (validAt.size === 0) return 0;
    const keys = [...validAt.keys()].map((key) => ({ pk: pkOf(sourceId), sk: skOf(key) }));
    const entries = await batchGetItems(this.doc, this.table, keys, { consistentRead: true, projection: 'sourceKey, extractedAt, quarantinedAt' });
    const released = entries.filter((item) => supersededBy(item, validAt.get(String(item.sourceKey))!)).map((item) => String(item.sourceKey));
    const found = new Set(entries.map((item) => String(item.sourceKey)));
    const gone = [...validAt.keys()].filter((key) => !found.has(key));
    await this.remove(sourceId, released);
    // Keys whose entry was removed while they were being indexed.
    if (gone.length > 0) await this.index.delete(sourceId, gone);
    return released.length;
  }

  async hasEntries(sourceId: string): Promise<boolean> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': pkOf(sourceId), ':entry': ENTRY_PREFIX },
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
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': pkOf(sourceId), ':entry': ENTRY_PREFIX },
    })) {
      entries.push(...(items as unknown as QuarantineEntry[]));
    }
    return entries;
  }

  count(sourceId: string, kind?: QuarantineKind): Promise<number> {
    const all = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': pkOf(sourceId), ':entry': ENTRY_PREFIX },
    };
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

function bySource(entries: readonly QuarantineEntry[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const e of entries) keys.set(e.sourceId, [...(keys.get(e.sourceId) ?? []), e.sourceKey]);
  return keys;
}
