/**
 * TODO(integration): stand-in for DynamoFeedLog (src/aws/dynamo-feed-log.ts), used only while
 * that is a placeholder. Delete once it is merged. Same table, a plausible cost: the tip read,
 * the ids already logged read back (BatchGetItem), then per 49 events one TransactWriteItems of
 * each entry, its id marker and the tip moved on under a condition on the old tip.
 */
import { BatchGetCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chainHeads, emptyTip, type ChainTip } from '../../../src/feeds/chain.js';
import type { FeedLogEntry } from '../../../src/feeds/event.js';
import type { FeedId } from '../../../src/feeds/feeds.js';
import type { FeedLog } from '../../../src/ports/feed-log.js';

const TX_EVENTS = 49;
const seqKey = (n: number) => `seq#${String(n).padStart(12, '0')}`;

export class BenchDynamoFeedLog implements FeedLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async append(feed: FeedId, events: Parameters<FeedLog['append']>[1]): Promise<FeedLogEntry[]> {
    const pk = `feed#${feed}`;
    const tipItem = (await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk: 'tip' }, ConsistentRead: true }))).Item;
    let tip: ChainTip = tipItem ? { sequence: tipItem.sequence as number, hash: tipItem.hash as string } : emptyTip(feed);
    const known = new Map<string, FeedLogEntry>();
    const ids = [...new Set(events.map((e) => e.head.id))];
    for (let i = 0; i < ids.length; i += 100) {
      const keys = ids.slice(i, i + 100).map((id) => ({ pk, sk: `id#${id}` }));
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) known.set((item.entry as FeedLogEntry).head.id, item.entry as FeedLogEntry);
    }
    const fresh = events.filter((e, i) => !known.has(e.head.id) && events.findIndex((o) => o.head.id === e.head.id) === i);
    for (let i = 0; i < fresh.length; i += TX_EVENTS) {
      const part = fresh.slice(i, i + TX_EVENTS);
      const chained = chainHeads(
        tip,
        part.map((e) => e.head),
      );
      const entries = chained.heads.map((head, j): FeedLogEntry => ({ feed, head, change: part[j]!.change }));
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...entries.flatMap((entry) => [
              { Put: { TableName: this.table, Item: { pk, sk: seqKey(Number(entry.head.sequence)), entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.table, Item: { pk, sk: `id#${entry.head.id}`, entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ]),
            {
              Put: {
                TableName: this.table,
                Item: { pk, sk: 'tip', sequence: chained.tip.sequence, hash: chained.tip.hash },
                ConditionExpression: tip.sequence === 0 ? 'attribute_not_exists(pk)' : '#s = :s',
                ...(tip.sequence === 0 ? {} : { ExpressionAttributeNames: { '#s': 'sequence' }, ExpressionAttributeValues: { ':s': tip.sequence } }),
              },
            },
          ],
        }),
      );
      for (const entry of entries) known.set(entry.head.id, entry);
      tip = chained.tip;
    }
    return events.map((e) => known.get(e.head.id)!);
  }

  // eslint-disable-next-line require-yield
  async *read(): AsyncIterable<readonly FeedLogEntry[]> {
    throw new Error('BenchDynamoFeedLog.read: the bench only appends');
  }

  async lastSequence(feed: FeedId): Promise<number> {
    const item = (await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `feed#${feed}`, sk: 'tip' } }))).Item;
    return (item?.sequence as number | undefined) ?? 0;
  }
}
