import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KeyEntry } from '../ingest/key-ledger.js';
import type { SourceKeyLedger } from '../ports/index.js';
import { batchWriteItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';

/** Well under DynamoDB's 400 KB item limit, with room for the key attributes. */
const MAX_CHUNK_BYTES = 300_000;

const pk = (sourceId: string) => `source#${sourceId}`;
const SK_PREFIX = 'keys#';

/**
 * Source keys in the state table, gzip'd lists of `[key, fingerprint]` JSON lines, one item
 * per page (`keys#<snapshot>#<chunk>#<part>`): a million keys cost a few hundred small
 * writes, not a million, and re-recording a page rewrites the same item.
 */
export class DynamoKeyLedger implements SourceKeyLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(sourceId: string, snapshot: string, chunk: string, entries: readonly KeyEntry[]): Promise<void> {
    const parts: string[][] = [[]];
    let size = 0;
    for (const entry of entries) {
      const line = JSON.stringify([entry.key, entry.fingerprint ?? '']);
      // Fingerprints are random and barely compress: size the parts by their text.
      if (size + line.length > MAX_CHUNK_BYTES && parts[parts.length - 1]!.length > 0) {
        parts.push([]);
        size = 0;
      }
      parts[parts.length - 1]!.push(line);
      size += line.length + 1;
    }
    for (const [i, part] of parts.entries()) {
      const packed = gzipSync(part.join('\n'));
      if (packed.length > MAX_CHUNK_BYTES) throw new Error(`source ${sourceId}: keys of page ${chunk} do not fit one item even compressed; lower batchSize`);
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: pk(sourceId), sk: `${SK_PREFIX}${snapshot}#${chunk}#${i}`, snapshot, keys: packed, count: part.length },
        }),
      );
    }
  }

  private async *items(sourceId: string, withKeys: boolean): AsyncGenerator<{ sk: string; snapshot: string; keys?: Uint8Array }> {
    const ledger = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(sourceId), ':prefix': SK_PREFIX },
      // Both are reserved words in DynamoDB expressions.
      ProjectionExpression: withKeys ? 'sk, #snapshot, #keys' : 'sk, #snapshot',
      ExpressionAttributeNames: withKeys ? { '#snapshot': 'snapshot', '#keys': 'keys' } : ({ '#snapshot': 'snapshot' } as Record<string, string>),
      ConsistentRead: true,
    };
    for await (const items of queryPages(this.doc, ledger)) {
      for (const item of items) yield item as { sk: string; snapshot: string; keys?: Uint8Array };
    }
  }

  async load(sourceId: string): Promise<Map<string, Map<string, string>>> {
    const bySnapshot = new Map<string, Map<string, string>>();
    for await (const item of this.items(sourceId, true)) {
      const keys = bySnapshot.get(item.snapshot) ?? new Map<string, string>();
      const text = item.keys ? gunzipSync(item.keys).toString('utf8') : '';
      if (text !== '') {
        for (const line of text.split('\n')) {
          const [key, fingerprint] = JSON.parse(line) as [string, string];
          keys.set(key, fingerprint);
        }
      }
      bySnapshot.set(item.snapshot, keys);
    }
    return bySnapshot;
  }

  async forgetAllBut(sourceId: string, keep: string): Promise<void> {
    const stale: string[] = [];
    for await (const item of this.items(sourceId, false)) if (item.snapshot !== keep) stale.push(item.sk);
    await batchWriteItems(
      this.doc,
      this.table,
      stale.map((sk) => ({ DeleteRequest: { Key: { pk: pk(sourceId), sk } } })),
    );
  }
}
