import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoFeedLog } from '../../../src/aws/dynamo-feed-log.js';
import { genesisHash, headHash } from '../../../src/feeds/canonical.js';
import type { FeedChangeRef, FeedLogEntry } from '../../../src/feeds/event.js';
import { eventSource, eventType, type FeedId } from '../../../src/feeds/feeds.js';
import type { UnsequencedHead } from '../../../src/ports/feed-log.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const FEED: FeedId = 'enforcement';

function event(recordId: string, version = 1): { head: UnsequencedHead; change: FeedChangeRef } {
  const id = `enforcement-decision/${recordId}/v${version}`;
  return {
    head: {
      specversion: '1.0',
      id,
      source: eventSource(FEED),
      type: eventType(FEED, 'decision', 'published'),
      subject: recordId,
      time: '2026-11-27T01:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: 'https://example.org/schemas/decision.json',
    },
    change: {
      recordType: 'enforcement-decision',
      recordId,
      version,
      contentHash: `hash-${id}`,
      entity: 'decision',
      action: 'published',
      carriesRecord: true,
      district: '越城区',
    },
  };
}

async function readAll(log: DynamoFeedLog, after = 0, limit?: number): Promise<{ pages: number; entries: FeedLogEntry[] }> {
  const entries: FeedLogEntry[] = [];
  let pages = 0;
  for await (const page of log.read(FEED, { after, ...(limit ? { limit } : {}) })) {
    pages += 1;
    entries.push(...page);
  }
  return { pages, entries };
}

/** Sequences 1..n in order, each prevhash the hash of the head before (the genesis hash for the first). */
function expectGaplessChain(entries: readonly FeedLogEntry[]): void {
  expect(entries.map((e) => Number(e.head.sequence))).toEqual(entries.map((_, i) => i + 1));
  let previous = genesisHash(FEED);
  for (const entry of entries) {
    expect(entry.head.prevhash).toBe(previous);
    previous = headHash(entry.head);
  }
}

describe('DynamoFeedLog', () => {
  let shared: SharedAws;
  const newLog = (keyPrefix = `test-${uniqueSuffix()}#`) => new DynamoFeedLog(shared.clients.doc, shared.config.resources.table('feeds'), { keyPrefix });

  beforeAll(async () => {
    shared = await useSharedAws();
  });

  it('numbers appends gaplessly and chains them, across many appends and pages', async () => {
    const log = newLog();
    expect(await log.lastSequence(FEED)).toBe(0);
    const batches = [1, 60, 7, 120];
    let n = 0;
    for (const size of batches) {
      const appended = await log.append(
        FEED,
        Array.from({ length: size }, () => event(`r${++n}`)),
      );
      expect(appended).toHaveLength(size);
    }
    const { pages, entries } = await readAll(log, 0, 50);
    expect(entries).toHaveLength(188);
    expect(pages).toBe(4);
    expectGaplessChain(entries);
    expect(entries[100]!.change.recordId).toBe('r101');
    expect(await log.lastSequence(FEED)).toBe(188);
    expect((await readAll(log, 180)).entries.map((e) => Number(e.head.sequence))).toEqual([181, 182, 183, 184, 185, 186, 187, 188]);
  });

  it('gives two concurrent appenders of 200 events each 400 distinct sequences, 1..400, one chain', async () => {
    const prefix = `test-${uniqueSuffix()}#`;
    const [log, other] = [newLog(prefix), newLog(prefix)];
    const a = Array.from({ length: 200 }, (_, i) => event(`a${i}`));
    const b = Array.from({ length: 200 }, (_, i) => event(`b${i}`));
    const [fromA, fromB] = await Promise.all([log.append(FEED, a), other.append(FEED, b)]);
    expect(fromA.map((e) => e.head.id)).toEqual(a.map((e) => e.head.id));
    expect(fromB.map((e) => e.head.id)).toEqual(b.map((e) => e.head.id));
    const returned = [...fromA, ...fromB].map((e) => Number(e.head.sequence)).sort((x, y) => x - y);
    expect(returned).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    const { entries } = await readAll(log);
    expect(entries).toHaveLength(400);
    expectGaplessChain(entries);
    expect(new Set(entries.map((e) => e.head.id)).size).toBe(400);
  });

  it('returns an already logged id with its original sequence and logs nothing for it', async () => {
    const log = newLog();
    const [first] = await log.append(FEED, [event('x1')]);
    await log.append(FEED, [event('x2'), event('x3')]);
    const again = await log.append(FEED, [event('x4'), event('x1'), event('x4')]);
    expect(again.map((e) => [e.head.id, e.head.sequence])).toEqual([
      ['enforcement-decision/x4/v1', '4'],
      ['enforcement-decision/x1/v1', '1'],
      ['enforcement-decision/x4/v1', '4'],
    ]);
    expect(again[1]).toEqual(first);
    expect(await log.append(FEED, [event('x2')])).toEqual([expect.objectContaining({ head: expect.objectContaining({ sequence: '2' }) })]);
    expect(await log.lastSequence(FEED)).toBe(4);
    expectGaplessChain((await readAll(log)).entries);
  });

  it('keeps each feed its own chain', async () => {
    const log = newLog();
    await log.append(FEED, [event('f1')]);
    expect(await log.lastSequence('gazette')).toBe(0);
    expect((await readAll(log)).entries).toHaveLength(1);
  });
});
