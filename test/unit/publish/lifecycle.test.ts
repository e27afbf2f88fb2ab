import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { republishDisclosed } from '../../../src/publish/republish-disclosed.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { MemoryDisclosureLedger } from '../../support/memory-disclosure-ledger.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
const dataset: DatasetConfig = {
  id: 'decisions',
  ...DATASET_DEFAULTS,
  recordType: TYPE,
  license: 'CC-BY-4.0',
  disclosure: { periods: [{ decisionKind: 'penalty', months: 36, rule: '最长公示期三年', source: '国家发展和改革委员会令2023年第58号' }] },
};

const decision = (recordId: string, fields: Record<string, unknown> = {}, storedAt = '2026-03-02T02:00:00.000Z'): StoredVersion =>
  storedVersion(
    TYPE,
    recordId,
    { decisionNumber: recordId, decisionDate: '2026-03-02', publicityEndDate: '2026-06-01', status: 'in-force', ...fields },
    storedAt,
  );

/** A publisher over memory with a ledger and the enforcement feed; the test moves its clock and changes its records. */
async function world(records: StoredVersion[]) {
  const ledger = new MemoryDisclosureLedger();
  const feeds = await memoryFeeds([subscriber({ id: 'open', feeds: ['enforcement'] })]);
  const memory = memoryPublish(records, {
    startsAt: '2026-03-03T02:00:00.000Z',
    openColumns: () => ['decisionNumber', 'status'],
    disclosures: ledger,
    lifecycleFeeds: { fanout: async () => feeds.deps, datasets: async () => [dataset], freeTextColumns: () => [] },
  });
  const numbersIn = (release: ReleasePointer) =>
    Buffer.from(memory.objects.get(release.files.find((f) => f.format === 'jsonl')!.key)!)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { decisionNumber: string }).decisionNumber);
  const events = () => (feeds.published.get('enforcement') ?? []).map((m) => JSON.parse(m.body) as FeedEvent);
  const daily = () => republishDisclosed([dataset], (d) => publishDataset(d, memory.deps));
  return { ...memory, ledger, events, numbersIn, daily };
}

describe('the disclosure lifecycle of a release', () => {
  it('expires a decision with no source change: the daily run emits one expired event and the release lacks it; a rerun emits nothing', async () => {
    const w = await world([decision('ends'), decision('stays', { publicityEndDate: '2027-03-02' })]);
    expect((await w.daily())[0]).toMatchObject({ action: 'published', rows: 2 });
    // 2026-06-01 is the last public day; 16:05Z on it is 00:05 on 06-02 in China, when the daily schedule runs.
    w.at('2026-06-01T16:05:00.000Z');
    const [result] = await w.daily();
    expect(result).toMatchObject({ action: 'published', rows: 1, expired: 1 });
    expect(w.numbersIn(w.latest()!)).toEqual(['stays']);
    expect(w.events()).toEqual([
      expect.objectContaining({
        id: `${TYPE}/ends/expired/2026-06-01`,
        type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.expired.v1',
        subject: 'ends',
        time: '2026-06-01T16:00:00.000Z',
        data: { recordType: TYPE, recordId: 'ends', version: 1, contentHash: 'h', view: 'public', reason: 'expired', publicUntil: '2026-06-01' },
      }),
    ]);
    const entry = (await w.ledger.list(TYPE)).find((e) => e.recordId === 'ends')!;
    expect(entry.withdrawal).toEqual({
      reason: 'expired',
      observedAt: '2026-06-01T16:00:00.000Z',
      withdrawnAt: '2026-06-01T16:05:00.000Z',
      releaseId: w.latest()!.releaseId,
      publicUntil: '2026-06-01',
    });
    // The same day again (a retry) and the next day: nothing new to announce, nothing moved.
    for (const instant of ['2026-06-01T16:20:00.000Z', '2026-06-02T16:05:00.000Z']) {
      w.at(instant);
      expect((await w.daily())[0]).toMatchObject({ action: 'unchanged' });
    }
    expect(w.events()).toHaveLength(1);
    expect((await w.ledger.list(TYPE)).find((e) => e.recordId === 'ends')!.withdrawal!.withdrawnAt).toBe('2026-06-01T16:05:00.000Z');
  });

  it('announces an expiry again under the same id when its mark failed, and not after the mark is kept', async () => {
    const w = await world([decision('ends')]);
    await w.daily();
    w.at('2026-06-01T16:05:00.000Z');
    const recordWithdrawals = w.ledger.recordWithdrawals.bind(w.ledger);
    w.ledger.recordWithdrawals = async () => Promise.reject(new Error('state table throttled'));
    expect((await w.daily())[0]).toMatchObject({ action: 'failed', error: 'state table throttled' });
    w.ledger.recordWithdrawals = recordWithdrawals;
    w.at('2026-06-01T16:10:00.000Z');
    expect((await w.daily())[0]).toMatchObject({ action: 'unchanged', expired: 1 });
    await w.daily();
    expect(w.events().map((e) => e.id)).toEqual([`${TYPE}/ends/expired/2026-06-01`, `${TYPE}/ends/expired/2026-06-01`]);
    // Withdrawn as of the release that first left it out.
    expect((await w.ledger.list(TYPE))[0]!.withdrawal!.withdrawnAt).toBe('2026-06-01T16:05:00.000Z');
  });

  it('marks a revoked decision withdrawn by the next release, observed when the SSOT stored the revocation, with no second event', async () => {
    const records = [decision('a'), decision('b')];
    const w = await world(records);
    await publishDataset(dataset, w.deps);
    records[0] = decision('a', { status: 'revoked' }, '2026-03-05T03:00:00.000Z');
    w.at('2026-03-05T03:10:00.000Z');
    const outcome = await publishDataset(dataset, w.deps);
    expect(w.numbersIn(outcome.release!)).toEqual(['b']);
    expect(outcome.withdrawn).toEqual([
      {
        recordType: TYPE,
        recordId: 'a',
        reason: 'revoked',
        observedAt: '2026-03-05T03:00:00.000Z',
        withdrawnAt: '2026-03-05T03:10:00.000Z',
        releaseId: outcome.release!.releaseId,
      },
    ]);
    // The routing of the revoking version announced it; the release does not announce it twice.
    expect(w.events()).toEqual([]);
  });

  it('marks a record that is gone from the SSOT removed, and never marks one that was never published', async () => {
    const records = [decision('a'), decision('later', { decisionDate: '2026-04-01' })];
    const w = await world(records);
    await publishDataset(dataset, w.deps);
    records.splice(0, 1);
    w.at('2026-03-04T02:00:00.000Z');
    const outcome = await publishDataset(dataset, w.deps);
    expect(outcome.withdrawn).toEqual([expect.objectContaining({ recordId: 'a', reason: 'removed', observedAt: '2026-03-04T02:00:00.000Z' })]);
    expect((await w.ledger.list(TYPE)).map((e) => e.recordId)).toEqual(['a']);
  });
});
