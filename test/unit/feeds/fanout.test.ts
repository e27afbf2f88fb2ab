import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { headHash } from '../../../src/feeds/canonical.js';
import { feedChangesOf } from '../../../src/feeds/classify.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { FANOUT_CHUNK, fanOut, fanOutProgress } from '../../../src/feeds/fanout.js';
import { verifyEventSignature } from '../../../src/feeds/signature.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const rules = { periods: [{ decisionKind: 'penalty' as const, months: 36, rule: 'r', source: 's' }] };
const decisions: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', disclosure: rules };
const context = (today: string) => ({ datasets: [decisions], freeTextColumns: () => ['facts'], today });

const version = (recordType: string, recordId: string, n: number, record: Record<string, unknown>, storedAt = '2026-11-27T02:00:00Z'): StoredVersion => ({
  recordType,
  recordId,
  version: n,
  contentHash: `h${recordId}${n}`,
  storedAt,
  record,
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
});
const decided = { decisionNumber: '绍市监罚〔2026〕1号', decisionDate: '2026-03-02', publicityEndDate: '2027-03-02', status: 'in-force' };
const events = (messages: readonly { body: string }[] | undefined) => (messages ?? []).map((m) => JSON.parse(m.body) as FeedEvent);

describe('fan-out of classified changes', () => {
  it('a public-view subscriber never sees a partner-government field of a property-rights transaction', async () => {
    const feeds = await memoryFeeds([subscriber({ id: 'open', view: 'public' }), subscriber({ id: 'gov', view: 'partner-government' })]);
    const deal = version('property-rights-transaction', 'p', 1, {
      projectNumber: 'SXCQ2026-001',
      status: 'listed',
      contactPerson: '王小明',
      contactMobile: '13812348000',
      transfereeType: 'natural-person',
      transfereeName: '李大伟',
      depositAccount: '6222020000001234567',
    });
    await fanOut(feedChangesOf([deal], context('2026-11-27')), feeds.deps);
    const messages = feeds.published.get('yrd')!;
    const open = messages.filter((m) => m.attributes?.view === 'public');
    const gov = messages.filter((m) => m.attributes?.view === 'partner-government');
    expect(open).toHaveLength(1);
    for (const m of open) {
      expect(m.body).not.toMatch(/王|13812348000|李|6222020000001234567/);
      const record = events([m])[0]!.data.record!;
      for (const code of ['CQ_XMLXR', 'CQ_LXSJ', 'CQ_SRFMC', 'CQ_BZJSKZH']) expect(record).not.toHaveProperty(code);
    }
    expect(events(gov)[0]!.data.record).toMatchObject({ CQ_XMLXR: '王*', CQ_LXSJ: '138****8000', CQ_SRFMC: '李*' });
    expect(gov[0]!.body).not.toContain('6222020000001234567');
  });

  it('events of one record keep their order, signed and chained', async () => {
    const feeds = await memoryFeeds([subscriber({ id: 'open', feeds: ['enforcement'] })]);
    const versions = [version('enforcement-decision', 'a', 1, decided), version('enforcement-decision', 'b', 1, decided)];
    versions.push(version('enforcement-decision', 'a', 2, decided), version('enforcement-decision', 'a', 3, decided));
    await fanOut(feedChangesOf(versions, context('2026-11-27')), feeds.deps);
    const sent = events(feeds.published.get('enforcement'));
    const ofA = sent.filter((e) => e.subject === 'a');
    expect(ofA.map((e) => e.id)).toEqual(['enforcement-decision/a/v1', 'enforcement-decision/a/v2', 'enforcement-decision/a/v3']);
    expect(ofA.map((e) => Number(e.sequence))).toEqual([1, 3, 4]);
    expect(feeds.published.get('enforcement')!.filter((m) => m.groupId === 'a')).toHaveLength(3);
    for (const [i, event] of sent.entries()) {
      expect((await verifyEventSignature(event as unknown as Record<string, unknown>, feeds.jwks)).valid).toBe(true);
      if (i > 0) expect(event.prevhash).toBe(headHash(feeds.log.entries.get('enforcement')![i - 1]!.head));
    }
  });

  it.each([
    ['across the Spring Festival holiday', '2025-01-27T03:00:00Z', '2025-02-07'],
    ['counting the make-up Saturday 8 February', '2025-02-05T03:00:00Z', '2025-02-08'],
  ])('a revoked decision is withdrawn with no record content, due three working days later %s', async (_, storedAt, deadline) => {
    const feeds = await memoryFeeds([subscriber({ id: 'open', feeds: ['enforcement'] })]);
    const revoked = version('enforcement-decision', 'r', 2, { ...decided, decisionDate: '2024-12-02', status: 'revoked', facts: '某某' }, storedAt);
    await fanOut(feedChangesOf([revoked], context(storedAt.slice(0, 10))), feeds.deps);
    const [event] = events(feeds.published.get('enforcement'));
    expect(event!.type).toBe('cn.gov.shaoxing.tongyuan.enforcement.decision.withdrawn.v1');
    expect(event!.data).toMatchObject({ reason: 'revoked', recordId: 'r', version: 2 });
    expect(event!.data.record).toBeUndefined();
    const [leaving] = [...feeds.deliveries.leavingBySubscriber.values()];
    expect(leaving).toMatchObject({ subscriber: 'open', eventId: 'enforcement-decision/r/v2', deadline });
  });

  it('a decision on the enforcement and the yrd feeds is two events: a queue on both keeps both, and its withdrawal is due on each', async () => {
    const feeds = await memoryFeeds([subscriber({ id: 'both', feeds: ['enforcement', 'yrd'] })]);
    const revoked = version('enforcement-decision', 'r', 2, { ...decided, status: 'revoked' }, '2026-11-26T03:00:00Z');
    await fanOut(feedChangesOf([revoked], context('2026-11-26')), feeds.deps);
    const [onEnforcement, onYrd] = [feeds.published.get('enforcement')![0]!, feeds.published.get('yrd')![0]!];
    expect(events([onEnforcement])[0]!.id).toBe(events([onYrd])[0]!.id);
    expect(onEnforcement.deduplicationId).not.toBe(onYrd.deduplicationId);
    expect([...feeds.deliveries.leavingBySubscriber.values()].map((l) => l.feed).sort()).toEqual(['enforcement', 'yrd']);
  });

  it('reports what a feed published before its log failed on a later chunk, and fanOut records that much as sent before failing', async () => {
    const feeds = await memoryFeeds([subscriber({ id: 'open', feeds: ['enforcement'] })]);
    let appends = 0;
    const failingLog = {
      ...feeds.deps,
      log: {
        append: async (...args: Parameters<typeof feeds.log.append>) => {
          if (++appends === 2) throw new Error('feed log unavailable');
          return feeds.log.append(...args);
        },
        read: (...args: Parameters<typeof feeds.log.read>) => feeds.log.read(...args),
        lastSequence: (feed: Parameters<typeof feeds.log.lastSequence>[0]) => feeds.log.lastSequence(feed),
      },
    };
    const versions = Array.from({ length: FANOUT_CHUNK + 10 }, (_, i) => version('enforcement-decision', `d${i}`, 1, decided));
    const changes = feedChangesOf(versions, context('2026-11-27')).filter((c) => c.feed === 'enforcement');
    const progress = await fanOutProgress(changes, failingLog);
    expect(progress.sent.map((s) => [s.feed, s.entries.length])).toEqual([['enforcement', FANOUT_CHUNK]]);
    expect(progress.sent[0]!.entries.map((e) => e.head.id)).toEqual(changes.slice(0, FANOUT_CHUNK).map((c) => c.id));
    expect(progress).toMatchObject({ messages: FANOUT_CHUNK, failure: { feed: 'enforcement', error: new Error('feed log unavailable') } });
    expect(feeds.deliveries.sent.get('open')).toBeUndefined();

    appends = 0;
    await expect(fanOut(changes, failingLog)).rejects.toThrow('feed log unavailable');
    expect(feeds.deliveries.sent.get('open')).toBe(FANOUT_CHUNK);
  });
});
