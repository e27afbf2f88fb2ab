import { describe, expect, it, vi } from 'vitest';
import type { FeedChange } from '../../../src/feeds/event.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { fanOut } from '../../../src/feeds/fanout.js';
import { parseReplayStart, replayFeeds, type ReplayDeps } from '../../../src/feeds/replay.js';
import { verifyEventSignature } from '../../../src/feeds/signature.js';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';
import type { FeedMessage } from '../../../src/ports/index.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

// The filter and the views are built elsewhere; here they follow the contract's rules in their simplest form.
vi.mock('../../../src/feeds/subscriber-filter.js', () => ({
  matchesFilter: (s: SubscriberConfig, a: { entity: string; action: string; district: string; view: string }) =>
    a.view === s.view &&
    (!s.filter?.entities || s.filter.entities.includes(a.entity)) &&
    (a.action === 'withdrawn' || !s.filter?.actions || s.filter.actions.includes(a.action)) &&
    (!s.filter?.districts || s.filter.districts.includes(a.district)),
}));
vi.mock('../../../src/feeds/views.js', () => ({
  renderRecord: (_feed: string, _entity: string, version: StoredVersion, view: string) =>
    view === 'public' ? { caseNumber: version.record.caseNumber, facts: version.record.facts } : { ...version.record, phone: '138****5678' },
}));

const stored = (recordId: string, version: number, storedAt: string, record: Record<string, unknown> = {}): StoredVersion => ({
  recordType: 'enforcement-decision',
  recordId,
  record: { caseNumber: `绍执罚〔2026〕${recordId}号`, facts: '当事人联系电话13812345678，经查属实', phone: '13812345678', ...record },
  version,
  contentHash: `h-${recordId}-${version}`,
  storedAt,
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: storedAt },
});

const change = (v: StoredVersion, action: string, district: string): FeedChange => ({
  feed: 'enforcement',
  entity: 'decision',
  action,
  id: `${v.recordType}/${v.recordId}/v${v.version}`,
  time: v.storedAt,
  version: v,
  carriesRecord: action !== 'withdrawn',
  district,
  ...(action === 'withdrawn' ? { reason: 'revoked' as const, deadline: '2026-12-02' } : {}),
});

const versions = [
  stored('a', 1, '2026-11-20T01:00:00.000Z'),
  stored('b', 1, '2026-11-21T01:00:00.000Z'),
  stored('a', 2, '2026-11-22T01:00:00.000Z'),
  stored('c', 1, '2026-11-23T01:00:00.000Z'),
  stored('a', 3, '2026-11-24T01:00:00.000Z'),
];
const changes = [
  change(versions[0]!, 'published', '越城区'),
  change(versions[1]!, 'published', '柯桥区'),
  change(versions[2]!, 'changed', '越城区'),
  change(versions[3]!, 'published', '越城区'),
  change(versions[4]!, 'withdrawn', '越城区'),
];

/** A feed with five logged events and a subscriber of 越城区 that wants publications (and, always, withdrawals). */
async function setUp(target: SubscriberConfig) {
  const other = subscriber({ id: 'everyone', view: 'public' });
  const feeds = await memoryFeeds([target, other]);
  await fanOut(changes, feeds.deps);
  const sent: { queueUrl: string; messages: readonly FeedMessage[]; replayId?: string }[] = [];
  const deps: ReplayDeps = {
    log: feeds.log,
    records: { versions: async (type, id) => versions.filter((v) => v.recordType === type && v.recordId === id) },
    signer: feeds.deps.signer,
    sender: {
      send: async (queueUrl, messages, options) => void sent.push({ queueUrl, messages, ...(options?.replayId ? { replayId: options.replayId } : {}) }),
    },
    queueUrl: 'https://sqs.local/tongyuan-feed-yuecheng.fifo',
    replayId: 'replay-1',
    freeTextColumns: () => ['facts'],
  };
  const topicBefore = [...feeds.published.values()].flat().length;
  const events = () => sent.flatMap((s) => s.messages.map((m) => JSON.parse(m.body) as FeedEvent));
  return { feeds, deps, sent, events, topicBefore };
}

const yuecheng = subscriber({ id: 'yuecheng', feeds: ['enforcement'], view: 'partner-government', filter: { districts: ['越城区'], actions: ['published'] } });

describe('replayFeeds', () => {
  it("resends in log order what the subscriber's filter lets through, with the original ids and sequences, straight to its queue", async () => {
    const { feeds, deps, sent, events, topicBefore } = await setUp(yuecheng);
    const counts = await replayFeeds(yuecheng, { sequence: 1 }, deps);
    // b is another district, a's change is filtered out by action; a's withdrawal passes whatever the filter says.
    expect(events().map((e) => [e.id, e.sequence])).toEqual([
      ['enforcement-decision/a/v1', '1'],
      ['enforcement-decision/c/v1', '4'],
      ['enforcement-decision/a/v3', '5'],
    ]);
    expect(counts).toEqual([{ feed: 'enforcement', read: 5, sent: 3, firstSequence: 1, lastSequence: 5 }]);
    expect(sent.every((s) => s.queueUrl === deps.queueUrl && s.replayId === 'replay-1')).toBe(true);
    // Nothing went through the topic again: the other subscriber sees no replay.
    expect([...feeds.published.values()].flat()).toHaveLength(topicBefore);
    // The chain links are the logged ones, so the subscriber's gap and chain checks see the same events.
    const logged = feeds.log.entries.get('enforcement')!;
    for (const e of events()) expect(e.prevhash).toBe(logged[Number(e.sequence) - 1]!.head.prevhash);
    for (const e of events()) expect(await verifyEventSignature(e as unknown as Record<string, unknown>, feeds.jwks)).toMatchObject({ valid: true });
  });

  it("renders the subscriber's view from the disclosed SSOT version, and a leaving event without the record", async () => {
    const publicSubscriber = subscriber({ id: 'open', feeds: ['enforcement'], view: 'public' });
    const { deps, events } = await setUp(publicSubscriber);
    await replayFeeds(publicSubscriber, { sequence: 1 }, deps);
    const [first] = events();
    expect(first?.data.view).toBe('public');
    expect(Object.keys(first?.data.record ?? {})).toEqual(['caseNumber', 'facts']);
    // Free text is redacted again as a release would show it.
    expect(String(first?.data.record?.facts)).not.toContain('13812345678');
    const withdrawal = events().find((e) => e.id.endsWith('/v3'));
    expect(withdrawal?.data).toMatchObject({ reason: 'revoked', recordId: 'a' });
    expect(withdrawal?.data.record).toBeUndefined();
  });

  it('starts at a sequence, or at a time (head.time at or after it)', async () => {
    const { deps, events, sent } = await setUp(yuecheng);
    await replayFeeds(yuecheng, { sequence: 4 }, deps);
    expect(events().map((e) => e.sequence)).toEqual(['4', '5']);
    sent.length = 0;
    await replayFeeds(yuecheng, parseReplayStart('2026-11-23T01:00:00Z'), deps);
    expect(events().map((e) => e.sequence)).toEqual(['4', '5']);
  });

  it('refuses to render a version the SSOT no longer holds as the log names it', async () => {
    const { deps } = await setUp(yuecheng);
    const changed = { ...deps, records: { versions: async () => [{ ...versions[0]!, contentHash: 'other' }] } };
    await expect(replayFeeds(yuecheng, { sequence: 1 }, changed)).rejects.toThrow(/the log says h-a-1/);
  });
});

describe('parseReplayStart', () => {
  it('reads a sequence, an ISO time or a China date, and refuses anything else', () => {
    expect(parseReplayStart('1')).toEqual({ sequence: 1 });
    expect(parseReplayStart('2026-11-27T08:00:00+08:00')).toEqual({ time: '2026-11-27T00:00:00.000Z' });
    expect(parseReplayStart('2026-11-27')).toEqual({ time: '2026-11-26T16:00:00.000Z' });
    for (const bad of ['0', '-3', 'yesterday', '2026-13-45']) expect(() => parseReplayStart(bad)).toThrow(RangeError);
  });
});
