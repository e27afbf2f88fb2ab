import { describe, expect, it } from 'vitest';
import type { QueueBacklog } from '../../../src/ports/queue-stats.js';
import { pipelineState, unsettledReason } from '../../../src/publish/pipeline-settled.js';
import { decideFinality, FIRST_RELEASE_WAIT_SECONDS, SETTLE_WAIT_SECONDS } from '../../../src/publish/publish-timing.js';
import type { PublishRequest } from '../../../src/publish/request.js';
import { BUILDING_WAIT_SECONDS, releaseNow, settlePublishRequest, type SettleDeps } from '../../../src/publish/settle-request.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds));
const UNSETTLED = { settled: false, reason: '14 normalize messages in flight' } as const;

describe('whether a due release is final', () => {
  it('is final whenever the pipeline is settled, however long the request waited', () => {
    for (const now of [at(1), at(400)])
      expect(decideFinality({ pipeline: { settled: true }, requestedAt: at(0), now, maxWaitSeconds: 300 })).toEqual({ action: 'final' });
  });

  it('waits a short while for work in flight under the longest wait, never past it', () => {
    expect(decideFinality({ pipeline: UNSETTLED, requestedAt: at(0), now: at(30), maxWaitSeconds: 300 })).toEqual({
      action: 'defer',
      delaySeconds: SETTLE_WAIT_SECONDS,
    });
    expect(decideFinality({ pipeline: UNSETTLED, requestedAt: at(0), now: at(297), maxWaitSeconds: 300 })).toEqual({ action: 'defer', delaySeconds: 3 });
  });

  it('looks again after a second at first, then after as long as it has waited, up to the longest pause', () => {
    const after = (ms: number) => decideFinality({ pipeline: UNSETTLED, requestedAt: at(0), now: new Date(at(0).getTime() + ms), maxWaitSeconds: 300 });
    expect([0, 300, 1_200, 2_500, 4_100, 9_000, 60_000].map((ms) => after(ms))).toEqual(
      [1, 1, 2, 3, 5, 9, SETTLE_WAIT_SECONDS].map((delaySeconds) => ({ action: 'defer', delaySeconds })),
    );
  });

  it("waits up to an hour for a dataset's first release, looking again once a minute past the usual longest wait", () => {
    const first = (seconds: number) => decideFinality({ pipeline: UNSETTLED, requestedAt: at(0), now: at(seconds), maxWaitSeconds: 300, firstRelease: true });
    expect(first(300)).toEqual({ action: 'defer', delaySeconds: 60 });
    expect(first(3590)).toEqual({ action: 'defer', delaySeconds: 10 });
    expect(first(FIRST_RELEASE_WAIT_SECONDS)).toEqual({ action: 'provisional', reason: UNSETTLED.reason });
  });

  it('is cut provisional, with the reason, once the longest wait has passed with work still in flight', () => {
    expect(decideFinality({ pipeline: UNSETTLED, requestedAt: at(0), now: at(300), maxWaitSeconds: 300 })).toEqual({
      action: 'provisional',
      reason: UNSETTLED.reason,
    });
  });
});

describe('the pipeline of a dataset', () => {
  const idle: QueueBacklog = { waiting: 0, inFlight: 0, delayed: 0 };
  it('is settled only with nothing waiting, in flight or delayed on the normalize queue and no run in flight', async () => {
    expect(unsettledReason(idle, [])).toBeUndefined();
    expect(unsettledReason({ ...idle, inFlight: 14 }, [])).toBe('14 normalize messages in flight');
    expect(unsettledReason({ ...idle, waiting: 1 }, [])).toBe('1 normalize message waiting');
    expect(unsettledReason({ ...idle, delayed: 2 }, [])).toBe('2 normalize messages delayed');
    expect(unsettledReason(idle, ['sgs-penalties'])).toBe('a run of sgs-penalties in flight');
    const dataset = { id: 'd', ...DATASET_DEFAULTS, recordType: 'enforcement-decision' };
    const activity = (backlog: QueueBacklog, runs: string[]) => ({ normalizeQueue: { backlog: async () => backlog }, runsInFlight: async () => runs });
    expect(await pipelineState(dataset, activity(idle, []))).toEqual({ settled: true });
    expect(await pipelineState(dataset, activity({ ...idle, waiting: 3, inFlight: 1 }, ['a']))).toEqual({
      settled: false,
      reason: '3 normalize messages waiting, 1 normalize message in flight, a run of a in flight',
    });
  });
});

/** A dataset over memory whose normalize queue the test fills and drains, and whose publish queue it reads. */
function world() {
  const dataset = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision' };
  const records = [storedVersion('enforcement-decision', 'a', { id: 'a' }), storedVersion('enforcement-decision', 'b', { id: 'b' })];
  const memory = memoryPublish(records, { openColumns: () => ['id'], startsAt: at(0).toISOString() });
  const backlog = { waiting: 0, inFlight: 0, delayed: 0 };
  const sent: { request: PublishRequest; delaySeconds?: number }[] = [];
  const deps: SettleDeps = {
    ...memory.deps,
    // The records were last changed long before any request here.
    changes: { lastChanged: async () => at(0) },
    publishQueue: { send: async (bodies, options) => void sent.push(...bodies.map((b) => ({ request: JSON.parse(b) as PublishRequest, ...options }))) },
    quietSeconds: 5,
    maxWaitSeconds: 300,
    pipeline: { normalizeQueue: { backlog: async () => ({ ...backlog }) }, runsInFlight: async () => [] },
  };
  return { dataset, records, memory, backlog, sent, deps };
}

describe('settling a publish request while normalize messages are in flight', () => {
  it('defers under the longest wait and cuts no release', async () => {
    const w = world();
    w.backlog.inFlight = 14;
    w.memory.at(at(30).toISOString());
    const outcome = await settlePublishRequest(w.dataset, at(0), w.deps, { trigger: 'run-complete' });
    expect(outcome).toEqual({ action: 'deferred', delaySeconds: SETTLE_WAIT_SECONDS });
    expect(w.memory.latest()).toBeUndefined();
    expect(w.sent).toEqual([
      { request: { kind: 'publish-dataset', datasetId: 'decisions', requestedAt: at(0).toISOString(), trigger: 'run-complete' }, delaySeconds: 10 },
    ]);
  });

  it('past the longest wait (an hour, for a first release) cuts a provisional release and queues its follow-up; settled, the follow-up cuts a final one superseding it with no new change', async () => {
    const w = world();
    w.backlog.inFlight = 14;
    w.memory.at(at(3600).toISOString());
    const provisional = await settlePublishRequest(w.dataset, at(0), w.deps, { trigger: 'run-complete' });
    expect(provisional).toMatchObject({ action: 'published', rows: 2, provisional: '14 normalize messages in flight' });
    const first = w.memory.latest()!;
    expect(first).toMatchObject({ provisional: true, provisionalReason: '14 normalize messages in flight' });
    expect(w.sent).toEqual([
      { request: { kind: 'publish-dataset', datasetId: 'decisions', requestedAt: at(3600).toISOString(), supersedes: first.releaseId }, delaySeconds: 10 },
    ]);
    const followUp = w.sent.pop()!.request;

    // Still in flight a moment later: the follow-up waits; the provisional release covers nothing.
    w.memory.at(at(3610).toISOString());
    expect(await settlePublishRequest(w.dataset, new Date(followUp.requestedAt), w.deps)).toEqual({ action: 'deferred', delaySeconds: SETTLE_WAIT_SECONDS });
    w.sent.pop();

    // The messages are done: the same rows become final, superseding the provisional release.
    w.backlog.inFlight = 0;
    w.memory.at(at(3620).toISOString());
    const final = await settlePublishRequest(w.dataset, new Date(followUp.requestedAt), w.deps);
    expect(final).toMatchObject({ action: 'published', rows: 2 });
    expect(final).not.toHaveProperty('provisional');
    const second = w.memory.latest()!;
    expect(second.releaseId).not.toBe(first.releaseId);
    expect(second.snapshotHash).toBe(first.snapshotHash);
    expect(second).toMatchObject({ supersedes: first.releaseId });
    expect(second.provisional).toBeUndefined();
    const manifest = JSON.parse(Buffer.from(w.memory.objects.get(second.manifestKey)!).toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ supersedes: first.releaseId });
    expect(manifest).not.toHaveProperty('provisional');
    expect(w.sent).toEqual([]);

    // Final now: a later request for the same content is covered, nothing more is cut.
    w.memory.at(at(3700).toISOString());
    expect(await settlePublishRequest(w.dataset, at(3610), w.deps)).toEqual({ action: 'covered' });
  });

  it('past the longest wait again with the content unchanged, cuts no second provisional release but keeps following up', async () => {
    const w = world();
    w.backlog.waiting = 3;
    w.memory.at(at(3600).toISOString());
    await settlePublishRequest(w.dataset, at(0), w.deps);
    const first = w.memory.latest()!;
    const followUp = w.sent.pop()!.request;
    w.memory.at(at(4000).toISOString());
    expect(await settlePublishRequest(w.dataset, new Date(followUp.requestedAt), w.deps)).toEqual({ action: 'unchanged' });
    expect(w.memory.latest()!.releaseId).toBe(first.releaseId);
    expect(w.sent).toMatchObject([{ request: { requestedAt: at(4000).toISOString(), supersedes: first.releaseId } }]);
  });

  it('publishes final at once when the pipeline is settled', async () => {
    const w = world();
    // Past the write margin after the run's end (publish-timing.ts).
    w.memory.at(at(2).toISOString());
    const outcome = await settlePublishRequest(w.dataset, at(0), w.deps, { trigger: 'run-complete' });
    expect(outcome).toMatchObject({ action: 'published', rows: 2 });
    expect(w.memory.latest()!.provisional).toBeUndefined();
    expect(w.sent).toEqual([]);
  });

  it('the daily re-evaluation cannot wait: it cuts provisional while work is in flight, with a follow-up', async () => {
    const w = world();
    w.backlog.delayed = 1;
    const outcome = await releaseNow(w.dataset, w.deps);
    expect(outcome).toMatchObject({ released: true, release: { provisional: true, provisionalReason: '1 normalize message delayed' } });
    expect(w.sent).toHaveLength(1);
  });
});

describe('one build per dataset at a time', () => {
  /** Leases as the state table keeps them: one holder per dataset until its lease expires. */
  function leases() {
    const held = new Map<string, { holder: string; until: Date }>();
    const claims: string[] = [];
    return {
      held,
      claims,
      claim: async (datasetId: string, holder: string, now: Date, until: Date) => {
        claims.push(datasetId);
        const lease = held.get(datasetId);
        if (lease && lease.until >= now) return false;
        held.set(datasetId, { holder, until });
        return true;
      },
      end: async (datasetId: string, holder: string) => {
        if (held.get(datasetId)?.holder === holder) held.delete(datasetId);
      },
    };
  }

  it('a request that finds the release being built looks again later and cuts nothing; the build gives its lease back', async () => {
    const w = world();
    const buildLeases = leases();
    w.memory.at(at(30).toISOString());
    buildLeases.held.set('decisions', { holder: 'the other build', until: at(330) });
    expect(await settlePublishRequest(w.dataset, at(0), { ...w.deps, buildLeases }, { trigger: 'run-complete' })).toEqual({
      action: 'deferred',
      delaySeconds: BUILDING_WAIT_SECONDS,
    });
    expect(w.memory.latest()).toBeUndefined();
    expect(w.sent.map((s) => s.delaySeconds)).toEqual([BUILDING_WAIT_SECONDS]);

    // The other build died: its lease expires, and the next look builds and gives the lease back.
    w.memory.at(at(331).toISOString());
    expect(await settlePublishRequest(w.dataset, at(0), { ...w.deps, buildLeases }, { trigger: 'run-complete' })).toMatchObject({
      action: 'published',
      rows: 2,
    });
    expect(buildLeases.held.size).toBe(0);
    expect(buildLeases.claims).toEqual(['decisions', 'decisions']);
  });

  it('the daily re-evaluation fails while another build holds the dataset, for its schedule to retry', async () => {
    const w = world();
    const buildLeases = leases();
    w.memory.at(at(30).toISOString());
    buildLeases.held.set('decisions', { holder: 'the other build', until: at(330) });
    await expect(releaseNow(w.dataset, { ...w.deps, buildLeases })).rejects.toThrow('dataset decisions: a release is being built');
    expect(w.memory.latest()).toBeUndefined();
    buildLeases.held.clear();
    expect(await releaseNow(w.dataset, { ...w.deps, buildLeases })).toMatchObject({ released: true });
    expect(buildLeases.held.size).toBe(0);
  });

  it('gives the lease back when the build fails', async () => {
    const w = world();
    const buildLeases = leases();
    w.memory.at(at(30).toISOString());
    const failing = {
      ...w.deps,
      buildLeases,
      columns: () => {
        throw new Error('grading unavailable');
      },
    };
    await expect(settlePublishRequest(w.dataset, at(0), failing, { trigger: 'run-complete' })).rejects.toThrow('grading unavailable');
    expect(buildLeases.held.size).toBe(0);
  });
});
