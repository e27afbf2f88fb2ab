import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { routeChanges, type RouteDeps } from '../../../src/route/route-changes.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
const dataset: DatasetConfig = { id: 'enforcement-decisions', ...DATASET_DEFAULTS, recordType: TYPE, license: 'CC-BY-4.0' };
const other: DatasetConfig = { ...dataset, id: 'credit', recordType: 'credit-record' };

const version = (recordId: string, n: number, extra: Partial<StoredVersion> = {}): StoredVersion => ({
  recordType: TYPE,
  recordId,
  version: n,
  contentHash: `h${n}`,
  storedAt: `2026-11-27T00:00:0${n}Z`,
  record: { caseName: `case ${recordId} v${n}`, partyIdNumber: '330602199001011234' },
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
  ...extra,
});

async function fakes() {
  const log: string[] = [];
  const feeds = await memoryFeeds([subscriber({ id: 'open', feeds: ['enforcement'] })]);
  const published = feeds.published;
  const deps: RouteDeps = {
    feeds: { ...feeds.deps, publisher: (feed) => ({ publish: async (messages) => (log.push(`feed:${feed}`), feeds.deps.publisher(feed).publish(messages)) }) },
    publishQueue: { send: async (bodies) => void log.push(...bodies.map((b) => `publish:${(JSON.parse(b) as { datasetId: string }).datasetId}`)) },
    changes: { markChanged: async (ids) => void log.push(...ids.map((id) => `mark:${id}`)) },
    datasets: [dataset, other],
    freeTextColumns: () => ['caseName', 'facts'],
    now: () => new Date('2026-11-27T01:00:00Z'),
  };
  return { deps, log, published, feeds };
}

describe('routing new SSOT versions', () => {
  it('publishes one CloudEvent per version, in order, typed by what happened, with open fields only', async () => {
    const { deps, published } = await fakes();
    const outcome = await routeChanges([version('a', 1), version('a', 2), version('b', 3, { deleted: true })], deps);
    // A decision goes out on the enforcement feed and, as a penalty, on the Yangtze-Delta feed.
    expect(outcome).toEqual({ events: 6, publishRequests: 1, routed: 3 });
    const events = published.get('enforcement')!.map((m) => JSON.parse(m.body) as FeedEvent);
    expect(events.map((e) => [e.id, e.type.split('.').at(-2)])).toEqual([
      ['enforcement-decision/a/v1', 'published'],
      ['enforcement-decision/a/v2', 'changed'],
      ['enforcement-decision/b/v3', 'withdrawn'],
    ]);
    expect(events[0]).toMatchObject({ specversion: '1.0', subject: 'a', time: '2026-11-27T00:00:01Z', datacontenttype: 'application/json' });
    expect(events[0]!.type).toBe('cn.gov.shaoxing.tongyuan.enforcement.decision.published.v1');
    expect(events[0]!.data.record).toEqual({ caseName: 'case a v1' });
    // A tombstone leaves with its reason, not its last content.
    expect(events[2]!.data).toMatchObject({ reason: 'removed' });
    expect(events[2]!.data.record).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain('330602199001011234');
  });

  it('sends no event for a minor party and redacts free text as releases do', async () => {
    const { deps, published } = await fakes();
    const minor = version('m', 1, {
      record: { partyType: 'natural-person', partyIdNumber: '330602200905011235', decisionDate: '2025-03-01', caseName: 'case m', facts: '' },
    });
    const adult = version('a', 1, { record: { caseName: 'case a', facts: '证人王小明称，当事人电话13812348000' } });
    const outcome = await routeChanges([minor, adult], deps);
    expect(outcome.events).toBe(2);
    const [event] = published.get('enforcement')!.map((m) => JSON.parse(m.body) as FeedEvent);
    expect(event!.subject).toBe('a');
    expect(JSON.stringify(event)).not.toContain('13812348000');
    expect(JSON.stringify(event)).not.toContain('王小明');
  });

  it('marks each affected dataset changed before asking for its release, and leaves the others alone', async () => {
    const { deps, log } = await fakes();
    await routeChanges([version('a', 1), version('b', 1)], deps);
    expect(log.filter((l) => !l.startsWith('feed:'))).toEqual(['mark:enforcement-decisions', 'publish:enforcement-decisions']);
  });

  it('an identical redelivery produces the same event, id and sequence, so subscribers can drop duplicates', async () => {
    const { deps, published, feeds } = await fakes();
    await routeChanges([version('a', 1)], deps);
    await routeChanges([version('a', 1)], deps);
    const [first, second] = published.get('enforcement')!;
    expect(second!.body).toBe(first!.body);
    expect(second!.deduplicationId).toBe(first!.deduplicationId);
    expect(feeds.log.entries.get('enforcement')).toHaveLength(1);
  });

  it('withdraws a record that fell into an identity conflict, with no content, and never announces one born in it', async () => {
    const { deps, published } = await fakes();
    const conflict = { fields: ['partyName'], sides: [] };
    await routeChanges([version('a', 2, { record: {}, conflict }), version('b', 1, { record: {}, conflict })], deps);
    const events = published.get('enforcement')!.map((m) => JSON.parse(m.body) as FeedEvent);
    expect(events.map((e) => [e.id, e.type.split('.').at(-2), e.data.reason, e.data.record])).toEqual([
      ['enforcement-decision/a/v2', 'withdrawn', 'identity-conflict', undefined],
    ]);
  });

  it('announces a revocation as withdrawn with its reason and without the revoked content, an expired version as expired, and nothing before the decision date', async () => {
    const { deps, published, log, feeds } = await fakes();
    const rules = { periods: [{ decisionKind: 'penalty' as const, months: 36, rule: 'r', source: 's' }] };
    const disclosing: RouteDeps = { ...deps, datasets: [{ ...dataset, disclosure: rules }, other] };
    const decided = { caseName: '某某销售过期食品案', decisionDate: '2026-03-02', publicityEndDate: '2026-06-01', status: 'in-force' };
    const outcome = await routeChanges(
      [
        version('r', 2, { record: { ...decided, status: 'revoked' } }),
        version('x', 3, { record: { ...decided, publicityEndDate: '2026-11-26' } }),
        version('f', 1, { record: { ...decided, decisionDate: '2026-12-01' } }),
        version('p', 1, { record: { ...decided, publicityEndDate: '2027-03-02' } }),
      ],
      disclosing,
    );
    expect(outcome.events).toBe(6);
    const events = published.get('enforcement')!.map((m) => JSON.parse(m.body) as FeedEvent);
    expect(events.map((e) => [e.id, e.type.split('.').at(-2), e.data.reason])).toEqual([
      ['enforcement-decision/r/v2', 'withdrawn', 'revoked'],
      ['enforcement-decision/x/expired/2026-11-26', 'expired', 'expired'],
      ['enforcement-decision/p/v1', 'published', undefined],
    ]);
    expect(events[0]!.data.record).toBeUndefined();
    expect(events[1]!.data).toMatchObject({ publicUntil: '2026-11-26' });
    // Stored Friday 27 Nov 2026: three working days later is Wednesday 2 Dec; the expiry is due the day after its last public day.
    const deadlines = [...feeds.deliveries.leavingBySubscriber.values()].map((l) => [l.eventId, l.deadline]);
    expect(deadlines).toEqual([
      ['enforcement-decision/r/v2', '2026-12-02'],
      ['enforcement-decision/x/expired/2026-11-26', '2026-11-27'],
    ]);
    // The same cycle asks for the release that leaves the revoked decision out.
    expect(log).toContain('publish:enforcement-decisions');
  });
});
