import { describe, expect, it } from 'vitest';
import { CHANGE_IN_RUN_WAIT_SECONDS, decidePublish, RUN_WAIT_SECONDS, WRITE_MARGIN_MS } from '../../../src/publish/publish-timing.js';
import { coalescePublishRequests, PUBLISH_ATTEMPTS, retryDelaySeconds, settlePublishBatch } from '../../../src/publish/publish-batch.js';
import type { PublishRequest } from '../../../src/publish/request.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 0, 0, seconds));
const base = { quietSeconds: 5, maxWaitSeconds: 300 };

describe('publishing at the end of a source run', () => {
  it('releases on a run-complete request a write margin after the run’s end, though the records changed a moment ago', () => {
    const request = { ...base, trigger: 'run-complete' as const, requestedAt: at(10), lastChangedAt: at(10), latestReleaseAt: undefined };
    // Sooner, the release might not cover the run's last versions, and their routed requests would ask for another.
    expect(decidePublish({ ...request, now: new Date(at(10).getTime() + WRITE_MARGIN_MS - 1) })).toEqual({ action: 'defer', delaySeconds: 1 });
    expect(decidePublish({ ...request, now: new Date(at(10).getTime() + WRITE_MARGIN_MS) })).toEqual({ action: 'publish' });
    // The release cut then covers a change the route announces for a version stored just before the run's end.
    expect(
      decidePublish({
        ...base,
        requestedAt: new Date(at(10).getTime() - 1),
        lastChangedAt: new Date(at(10).getTime() - 1),
        latestReleaseAt: new Date(at(10).getTime() + WRITE_MARGIN_MS),
        now: at(12),
      }),
    ).toEqual({ action: 'covered' });
  });

  it('waits for the run of another of the dataset’s sources still in flight', () => {
    expect(
      decidePublish({
        ...base,
        trigger: 'run-complete',
        runInFlight: true,
        requestedAt: at(10),
        lastChangedAt: at(9),
        latestReleaseAt: undefined,
        now: at(11),
      }),
    ).toEqual({ action: 'defer', delaySeconds: 1 });
  });

  it('looks again after as long as it has waited: a change in a short run soon finds the run’s release, one in a long run asks once a minute', () => {
    const held = (trigger: 'change' | 'run-complete', waited: number) =>
      decidePublish({ ...base, trigger, runInFlight: true, requestedAt: at(0), lastChangedAt: at(0), latestReleaseAt: undefined, now: at(waited) });
    expect([0, 1, 3, 7, 30, 59, 200].map((w) => held('change', w))).toEqual(
      [1, 1, 3, 7, 30, 59, CHANGE_IN_RUN_WAIT_SECONDS].map((delaySeconds) => ({ action: 'defer', delaySeconds })),
    );
    expect([0, 4, 30, 295].map((w) => held('run-complete', w))).toEqual([1, 4, RUN_WAIT_SECONDS, 5].map((delaySeconds) => ({ action: 'defer', delaySeconds })));
  });

  it('holds a change back while a run is in flight, even when the records have been still for the quiet period', () => {
    expect(decidePublish({ ...base, runInFlight: true, requestedAt: at(10), lastChangedAt: at(0), latestReleaseAt: undefined, now: at(30) })).toMatchObject({
      action: 'defer',
    });
  });

  it('holds a change back for as long as the run is in flight, however long: the run’s own release covers it', () => {
    expect(decidePublish({ ...base, runInFlight: true, requestedAt: at(0), lastChangedAt: at(0), latestReleaseAt: undefined, now: at(3000) })).toEqual({
      action: 'defer',
      delaySeconds: CHANGE_IN_RUN_WAIT_SECONDS,
    });
  });

  it('stops a run’s end waiting for another source’s run after the longest wait', () => {
    expect(
      decidePublish({
        ...base,
        trigger: 'run-complete',
        runInFlight: true,
        requestedAt: at(0),
        lastChangedAt: at(0),
        latestReleaseAt: undefined,
        now: at(300),
      }),
    ).toEqual({ action: 'publish' });
  });

  it('publishes a change held back by a run once no run is in flight and the records are still', () => {
    expect(decidePublish({ ...base, requestedAt: at(0), lastChangedAt: at(0), latestReleaseAt: undefined, now: at(3000) })).toEqual({ action: 'publish' });
  });

  it('treats a change stored before the run’s release as covered by it', () => {
    // The route announces versions stored at 8 s after the run's release was cut at 12 s.
    expect(decidePublish({ ...base, requestedAt: at(8), lastChangedAt: at(8), latestReleaseAt: at(12), now: at(20) })).toEqual({ action: 'covered' });
  });

  it('does not treat a change stored within a moment of the release as covered: its write may have landed after the release read', () => {
    const storedAt = new Date(at(12).getTime() - 500);
    expect(decidePublish({ ...base, requestedAt: storedAt, lastChangedAt: storedAt, latestReleaseAt: at(12), now: at(13) })).toMatchObject({ action: 'defer' });
  });

  it('debounces a change outside any run by the quiet period', () => {
    expect(decidePublish({ ...base, requestedAt: at(10), lastChangedAt: at(10), latestReleaseAt: undefined, now: at(11) })).toEqual({
      action: 'defer',
      delaySeconds: 4,
    });
  });
});

const dataset: DatasetConfig = { id: 'd', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0' };
const message = (messageId: string, request: Partial<PublishRequest>) => ({
  messageId,
  body: JSON.stringify({ kind: 'publish-dataset', datasetId: 'd', requestedAt: '2026-11-27T00:00:00Z', ...request }),
});

describe('a failed publish request', () => {
  it('is run-complete when any of its messages is, and carries the most attempts among them', () => {
    const [request] = coalescePublishRequests([message('a', { attempt: 2 }), message('b', { trigger: 'run-complete' }), message('c', {})]).datasets;
    expect(request).toMatchObject({ datasetId: 'd', trigger: 'run-complete', attempt: 2, messageIds: ['a', 'b', 'c'] });
  });

  it('goes back on the queue within a minute with its attempt counted, and its messages are acknowledged', async () => {
    const resent: [PublishRequest, number][] = [];
    const failed = await settlePublishBatch([message('a', { trigger: 'run-complete' })], {
      datasets: [dataset],
      settle: async () => {
        throw new Error('PutObject failed');
      },
      retry: async (request, delaySeconds) => void resent.push([request, delaySeconds]),
    });
    expect(failed).toEqual([]);
    expect(resent).toEqual([[{ kind: 'publish-dataset', datasetId: 'd', requestedAt: '2026-11-27T00:00:00.000Z', trigger: 'run-complete', attempt: 1 }, 10]]);
  });

  it('is left to the dead-letter queue once its attempts are spent, or when it cannot be sent again', async () => {
    const settle = async (): Promise<never> => {
      throw new Error('PutObject failed');
    };
    const spent = await settlePublishBatch([message('a', { attempt: PUBLISH_ATTEMPTS - 1 })], { datasets: [dataset], settle, retry: async () => undefined });
    expect(spent).toEqual(['a']);
    const unsent = await settlePublishBatch([message('b', {})], {
      datasets: [dataset],
      settle,
      retry: async () => {
        throw new Error('queue down');
      },
    });
    expect(unsent).toEqual(['b']);
  });

  it('never waits more than a minute between attempts', () => {
    const delays = Array.from({ length: PUBLISH_ATTEMPTS }, (_, i) => retryDelaySeconds(i + 1));
    expect(delays).toEqual([10, 20, 40, 60, 60]);
  });
});
