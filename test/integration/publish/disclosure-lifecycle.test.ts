import { beforeAll, describe, expect, it } from 'vitest';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { publishDataset, type PublishDeps } from '../../../src/publish/publish-dataset.js';
import { republishDisclosed } from '../../../src/publish/republish-disclosed.js';
import { routeChanges } from '../../../src/route/route-changes.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { validExamples } from '../../support/record-examples.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
let shared: SharedAws;

beforeAll(async () => {
  shared = await useSharedAws();
});

describe('the disclosure lifecycle on the emulators', () => {
  it('a revocation reaches the feed in its routing cycle and leaves the next release; an expiry is announced once by the daily run', async () => {
    const suffix = uniqueSuffix();
    const ids = { revoked: `绍柯市监罚〔2026〕${suffix}1号`, expiring: `绍柯市监罚〔2026〕${suffix}2号` };
    const dataset: DatasetConfig = {
      id: `decisions-${suffix}`,
      ...DATASET_DEFAULTS,
      recordType: TYPE,
      fields: ['decisionNumber', 'partyName', 'decisionDate', 'status', 'authority'],
      license: 'CC-BY-4.0',
      disclosure: { periods: [{ decisionKind: 'penalty', months: 36, rule: '最长公示期三年', source: '国家发展和改革委员会令2023年第58号' }] },
    };
    const store = shared.app.recordStore();
    const candidate = (decisionNumber: string, fields: Record<string, unknown>, extractedAt: string) => ({
      recordType: TYPE,
      recordId: decisionNumber,
      record: { ...validExamples[TYPE], decisionNumber, decisionDate: '2026-03-02', publicityEndDate: '2026-06-01', ...fields },
      provenance: { sourceId: `lifecycle-${suffix}`, rawKey: `raw/${suffix}`, index: 0, sourceKey: decisionNumber, extractedAt },
    });
    const mine = async (): Promise<StoredVersion[]> => {
      const found: StoredVersion[] = [];
      for await (const page of store.listCurrent(TYPE)) found.push(...page.filter((v) => v.recordId === ids.revoked || v.recordId === ids.expiring));
      return found;
    };
    let now = new Date('2026-03-03T02:00:00.000Z');
    // The feed of this test's own (log, ledger, topic in memory), so no other test's subscriber sees its events.
    const feeds = await memoryFeeds([subscriber({ id: `lifecycle-${suffix}`, feeds: ['enforcement'] })]);
    const deps: PublishDeps = {
      ...shared.app.publishDeps(),
      lifecycleFeeds: { fanout: async () => feeds.deps, datasets: async () => [dataset], freeTextColumns },
      records: {
        async *listCurrent() {
          yield await mine();
        },
      },
      clock: { now: () => now },
    };
    const rowsOf = async () => (await publishDataset(dataset, deps)).release!.rowCount;
    let seen = 0;
    /** What the enforcement feed published since the last look. */
    const events = async () => {
      const sent = (feeds.published.get('enforcement') ?? []).slice(seen);
      seen += sent.length;
      return sent.map((m) => JSON.parse(m.body) as FeedEvent);
    };

    await store.upsert([candidate(ids.revoked, {}, '2026-03-02T08:00:00Z'), candidate(ids.expiring, {}, '2026-03-02T08:00:00Z')]);
    expect(await rowsOf()).toBe(2);

    // The source revokes one decision: routing its new version announces the withdrawal, with its reason and without its content.
    await store.upsert([candidate(ids.revoked, { status: 'revoked' }, '2026-03-04T08:00:00Z')]);
    const revoking = (await mine()).find((v) => v.recordId === ids.revoked)!;
    const requested: string[] = [];
    now = new Date('2026-03-04T09:00:00.000Z');
    await routeChanges([revoking], {
      ...shared.app.routeDeps(await shared.app.catalog()),
      feeds: feeds.deps,
      datasets: [dataset],
      publishQueue: { send: async (bodies) => void requested.push(...bodies) },
      now: () => now,
    });
    const [withdrawn] = await events();
    expect(withdrawn).toMatchObject({ type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.withdrawn.v1', subject: ids.revoked, data: { reason: 'revoked' } });
    expect(withdrawn!.data.record).toBeUndefined();
    expect(requested).toHaveLength(1);

    // The release it asked for leaves the decision out, and the ledger keeps when and why.
    now = new Date('2026-03-04T09:05:00.000Z');
    expect(await rowsOf()).toBe(1);
    const ledger = shared.app.disclosureLedger();
    const entryOf = async (id: string) => (await ledger.list(TYPE)).find((e) => e.recordId === id)!;
    expect((await entryOf(ids.revoked)).withdrawal).toMatchObject({
      reason: 'revoked',
      observedAt: revoking.storedAt,
      withdrawnAt: '2026-03-04T09:05:00.000Z',
    });

    // No source change: the clock passes the last public day and the daily run takes the other out, once.
    now = new Date('2026-06-01T16:05:00.000Z');
    expect(await republishDisclosed([dataset], (d) => publishDataset(d, deps))).toEqual([
      expect.objectContaining({ action: 'published', rows: 0, withdrawn: 1, expired: 1 }),
    ]);
    expect((await events()).map((e) => [e.type.split('.').at(-2), e.subject, e.data.publicUntil])).toEqual([['expired', ids.expiring, '2026-06-01']]);
    expect((await entryOf(ids.expiring)).withdrawal).toMatchObject({ reason: 'expired', withdrawnAt: '2026-06-01T16:05:00.000Z', publicUntil: '2026-06-01' });
    now = new Date('2026-06-02T16:05:00.000Z');
    expect(await republishDisclosed([dataset], (d) => publishDataset(d, deps))).toEqual([{ datasetId: dataset.id, action: 'unchanged' }]);
    expect(await events()).toEqual([]);
  });
});
