import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoFeedLog } from '../../../src/aws/dynamo-feed-log.js';
import { genesisHash, headHash } from '../../../src/feeds/canonical.js';
import { chainHeads, emptyTip } from '../../../src/feeds/chain.js';
import type { FeedLogEntry } from '../../../src/feeds/event.js';
import type { FeedDedupeWindow } from '../../../src/ports/feed-log.js';
import { decisionEvent } from '../../support/feed-log-events.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const FEED = 'enforcement';
const events = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => decisionEvent(`${prefix}${i}`));
const sequences = (entries: readonly FeedLogEntry[]) => entries.map((e) => Number(e.head.sequence));
const idAndSequence = (entries: readonly FeedLogEntry[]) => entries.map((e) => [e.head.id, Number(e.head.sequence)]);

describe('DynamoFeedLog pages', () => {
  let shared: SharedAws;
  let table: string;
  const setup = (window?: FeedDedupeWindow) => {
    const prefix = `test-${uniqueSuffix()}#`;
    const log = new DynamoFeedLog(shared.clients.doc, table, { keyPrefix: prefix, ...(window ? { dedupeWindow: window } : {}) });
    const keys = async (suffix = '') => {
      const out = await shared.clients.doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `${prefix}feed#${FEED}${suffix}` },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map((i) => [String(i.sk), i.count as number]);
    };
    return { prefix, log, keys };
  };
  const readAll = async (log: DynamoFeedLog, after: number, limit?: number) => {
    const pages: (readonly FeedLogEntry[])[] = [];
    for await (const page of log.read(FEED, { after, ...(limit ? { limit } : {}) })) pages.push(page);
    return pages;
  };

  beforeAll(async () => {
    shared = await useSharedAws();
    table = shared.config.resources.table('feeds');
  });

  it('logs an append of 250 as three page items, with no tip or id items, and reads from inside a page', async () => {
    const { log, keys } = setup();
    await log.append(FEED, events('p', 250));
    expect(await keys()).toEqual([
      ['seq#000000000001', 100],
      ['seq#000000000101', 100],
      ['seq#000000000201', 50],
    ]);
    expect(await keys('#id')).toEqual([]);
    expect(await log.lastSequence(FEED)).toBe(250);
    const from150 = await readAll(log, 150, 30);
    expect(from150.map((p) => p.length)).toEqual([30, 30, 30, 10]);
    expect(sequences(from150.flat())).toEqual(Array.from({ length: 100 }, (_, i) => 151 + i));
    expect(sequences((await readAll(log, 99)).flat())[0]).toBe(100);
    expect(sequences((await readAll(log, 100)).flat())[0]).toBe(101);
    expect(await readAll(log, 250)).toEqual([]);
    const all = (await readAll(log, 0)).flat();
    expect(all[149]!.head.id).toBe('enforcement-decision/p149/v1');
    let previous = genesisHash(FEED);
    for (const entry of all) {
      expect(entry.head.prevhash).toBe(previous);
      previous = headHash(entry.head);
    }
  });

  it('logs nothing new for a redelivered batch, spread over pages, in any order', async () => {
    const { log, keys } = setup();
    const first = await log.append(FEED, events('r', 150));
    const second = await log.append(FEED, events('s', 30));
    const pagesBefore = await keys();
    const again = await log.append(FEED, [...events('s', 30), ...events('r', 150)].reverse());
    expect(idAndSequence(again)).toEqual(idAndSequence([...second, ...first].reverse()));
    expect(again[149]).toEqual(first[0]);
    expect(await keys()).toEqual(pagesBefore);
    expect(await log.lastSequence(FEED)).toBe(180);
  });

  it('logs each event once when two appenders are handed the same batch at the same time', async () => {
    const { prefix, log } = setup();
    const other = new DynamoFeedLog(shared.clients.doc, table, { keyPrefix: prefix });
    const batch = events('t', 150);
    const [a, b] = await Promise.all([log.append(FEED, batch), other.append(FEED, batch)]);
    expect(idAndSequence(a)).toEqual(idAndSequence(b));
    expect(sequences(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(await log.lastSequence(FEED)).toBe(150);
  });

  it('finds an id within the window and logs one beyond it again, under a new sequence', async () => {
    const { log } = setup({ events: 4, pages: 2 });
    for (const batch of [['a'], ['b', 'c'], ['d', 'e'], ['f']])
      await log.append(
        FEED,
        batch.map((id) => decisionEvent(id)),
      );
    // The window: the pages [f] and [d, e], two pages (holding 3 events, fewer than 4).
    const again = await log.append(
      FEED,
      ['e', 'a', 'f'].map((id) => decisionEvent(id)),
    );
    expect(idAndSequence(again).map(([id, sequence]) => [String(id).split('/')[1], sequence])).toEqual([
      ['e', 5],
      ['a', 7],
      ['f', 6],
    ]);
    // By events: the pages holding the newest 3 (g, f, e) and d beside e; c is beyond them.
    const byEvents = setup({ events: 3, pages: 32 });
    for (const batch of [['c'], ['d', 'e'], ['f'], ['g']])
      await byEvents.log.append(
        FEED,
        batch.map((id) => decisionEvent(id)),
      );
    expect(
      sequences(
        await byEvents.log.append(
          FEED,
          ['d', 'c'].map((id) => decisionEvent(id)),
        ),
      ),
    ).toEqual([2, 6]);
  });

  it('continues a log written before pages: one item per entry, a tip item and id items', async () => {
    const { prefix, log } = setup();
    const old = chainHeads(emptyTip(FEED), [decisionEvent('o1').head, decisionEvent('o2').head]);
    const pk = `${prefix}feed#${FEED}`;
    for (const head of old.heads)
      await shared.clients.doc.send(
        new PutCommand({ TableName: table, Item: { pk, sk: `seq#${head.sequence.padStart(12, '0')}`, head, change: decisionEvent(head.subject).change } }),
      );
    await shared.clients.doc.send(new PutCommand({ TableName: table, Item: { pk, sk: 'tip', ...old.tip } }));
    await shared.clients.doc.send(new PutCommand({ TableName: table, Item: { pk: `${pk}#id`, sk: old.heads[1]!.id, sequence: 2 } }));
    expect(await log.lastSequence(FEED)).toBe(2);
    const appended = await log.append(FEED, [decisionEvent('o2'), decisionEvent('o3')]);
    expect(idAndSequence(appended)).toEqual([
      ['enforcement-decision/o2/v1', 2],
      ['enforcement-decision/o3/v1', 3],
    ]);
    expect(appended[1]!.head.prevhash).toBe(old.tip.hash);
    expect(sequences((await readAll(log, 1)).flat())).toEqual([2, 3]);
  });
});
