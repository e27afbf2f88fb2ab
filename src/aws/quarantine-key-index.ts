import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sha256Hex } from '../util/hash.js';
import { queryPages } from './dynamo-query.js';

/**
 * The source keys a source has in quarantine, keys only, beside its entries: sixteen String
 * Set items `index#<hex>` (a key's shard is the first hex digit of its SHA-256) and the marker
 * `index#complete` once every entry is known to be in them. One small consistent read tells
 * normalize which of a batch's valid rows were quarantined, instead of a consistent read of
 * every valid row's entry. The index may hold keys whose entry is gone (it is cleaned when
 * met); it never lacks a key that has an entry: keys are added before their entries are
 * written, and removed after their entries are deleted.
 */
export const INDEX_PREFIX = 'index#';
export const ENTRY_PREFIX = 'item#';
const COMPLETE = `${INDEX_PREFIX}complete`;
/** Index items sort before entries ('index#' < 'item#'): this many items of a partition hold the whole index. */
const INDEX_ITEMS = 17;

const pkOf = (sourceId: string): string => `source#${sourceId}`;
const shardOf = (sourceKey: string): string => `${INDEX_PREFIX}${sha256Hex(sourceKey).slice(0, 1)}`;

function byShard(sourceKeys: Iterable<string>): Map<string, string[]> {
  const shards = new Map<string, string[]>();
  for (const key of new Set(sourceKeys)) shards.set(shardOf(key), [...(shards.get(shardOf(key)) ?? []), key]);
  return shards;
}

/** What the head of a source's partition says about its quarantine. */
export type IndexRead =
  | { readonly state: 'empty' }
  /** Entries exist, written before the index (or the index's marker) was: build it from them. */
  | { readonly state: 'unindexed' }
  | { readonly state: 'indexed'; readonly keys: ReadonlySet<string> };

export class QuarantineKeyIndex {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** One consistent query of the partition's first items: the index, and whether any entry follows. */
  async read(sourceId: string): Promise<IndexRead> {
    const keys = new Set<string>();
    let complete = false;
    let entries = false;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pkOf(sourceId) },
          ConsistentRead: true,
          Limit: INDEX_ITEMS + 1,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        const sk = String(item.sk);
        if (!sk.startsWith(INDEX_PREFIX)) entries = true;
        else if (sk === COMPLETE) complete = true;
        else for (const key of (item.keys as Set<string> | undefined) ?? []) keys.add(key);
      }
      start = entries ? undefined : out.LastEvaluatedKey;
    } while (start);
    if (complete) return { state: 'indexed', keys };
    return entries ? { state: 'unindexed' } : { state: 'empty' };
  }

  async add(sourceId: string, sourceKeys: Iterable<string>): Promise<void> {
    await this.update(sourceId, sourceKeys, 'ADD');
  }

  async delete(sourceId: string, sourceKeys: Iterable<string>): Promise<void> {
    await this.update(sourceId, sourceKeys, 'DELETE');
  }

  /** Indexes every entry of a source (once, for entries from before the index), then marks the index complete. */
  async build(sourceId: string): Promise<ReadonlySet<string>> {
    const keys = new Set<string>();
    for await (const items of queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': pkOf(sourceId), ':entry': ENTRY_PREFIX },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    })) {
      for (const item of items) keys.add(String(item.sk).slice(ENTRY_PREFIX.length));
    }
    await this.add(sourceId, keys);
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: pkOf(sourceId), sk: COMPLETE } }));
    return keys;
  }

  private async update(sourceId: string, sourceKeys: Iterable<string>, action: 'ADD' | 'DELETE'): Promise<void> {
    await Promise.all(
      [...byShard(sourceKeys)].map(([sk, keys]) =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: pkOf(sourceId), sk },
            UpdateExpression: `${action} #keys :keys`,
            ExpressionAttributeNames: { '#keys': 'keys' },
            ExpressionAttributeValues: { ':keys': new Set(keys) },
          }),
        ),
      ),
    );
  }
}
