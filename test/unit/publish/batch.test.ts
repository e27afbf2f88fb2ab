import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { coalescePublishRequests, settlePublishBatch, type PublishMessage } from '../../../src/publish/publish-batch.js';
import type { SettleOutcome } from '../../../src/publish/settle-request.js';
import { DeadlineError, deadlineSignal, untilAborted } from '../../../src/util/deadline.js';

const request = (messageId: string, datasetId: string, requestedAt: string): PublishMessage => ({
  messageId,
  body: JSON.stringify({ kind: 'publish-dataset', datasetId, requestedAt }),
});
const dataset = (id: string) => ({ id }) as DatasetConfig;

describe('coalescing publish requests', () => {
  it('settles each dataset once, from its earliest request, and keeps every message id', () => {
    const batch = coalescePublishRequests([
      request('m1', 'a', '2025-03-01T10:00:05Z'),
      request('m2', 'b', '2025-03-01T10:00:00Z'),
      request('m3', 'a', '2025-03-01T10:00:01Z'),
      request('m4', 'a', '2025-03-01T10:00:09Z'),
    ]);
    expect(batch.unreadable).toEqual([]);
    expect(batch.datasets).toEqual([
      { datasetId: 'a', requestedAt: new Date('2025-03-01T10:00:01Z'), messageIds: ['m1', 'm3', 'm4'] },
      { datasetId: 'b', requestedAt: new Date('2025-03-01T10:00:00Z'), messageIds: ['m2'] },
    ]);
  });

  it('sets aside what is no publish request, each with why', () => {
    const batch = coalescePublishRequests([
      { messageId: 'x', body: 'not json' },
      { messageId: 'y', body: JSON.stringify({ kind: 'publish-dataset', datasetId: 'a', requestedAt: 'yesterday' }) },
      { messageId: 'z', body: JSON.stringify({ kind: 'other', datasetId: 'a', requestedAt: '2025-03-01T10:00:00Z' }) },
      request('ok', 'a', '2025-03-01T10:00:00Z'),
    ]);
    expect(batch.unreadable.map((u) => u.messageId)).toEqual(['x', 'y', 'z']);
    expect(batch.unreadable[0]!.error).toBe('not a publish request: not json');
    expect(batch.datasets.map((d) => d.messageIds)).toEqual([['ok']]);
  });
});

describe('settling a batch of publish requests', () => {
  it('fails exactly the unreadable messages and every message of a dataset that failed', async () => {
    const settledWith: [string, string][] = [];
    const failures: string[] = [];
    const failed = await settlePublishBatch(
      [
        request('a1', 'a', '2025-03-01T10:00:00Z'),
        request('b1', 'b', '2025-03-01T10:00:00Z'),
        { messageId: 'bad', body: '{}' },
        request('a2', 'a', '2025-03-01T09:00:00Z'),
        request('b2', 'b', '2025-03-01T10:00:00Z'),
        request('u1', 'unknown', '2025-03-01T10:00:00Z'),
      ],
      {
        datasets: [dataset('a'), dataset('b')],
        settle: async (d, requestedAt): Promise<SettleOutcome> => {
          settledWith.push([d.id, requestedAt.toISOString()]);
          if (d.id === 'b') throw new Error('S3 is down');
          return { action: 'published', releaseId: 'r1', rows: 3 };
        },
        failed: (what, error) => failures.push(`${what.datasetId ?? what.messageId}: ${error}`),
      },
    );
    expect(settledWith).toEqual([
      ['a', '2025-03-01T09:00:00.000Z'],
      ['b', '2025-03-01T10:00:00.000Z'],
    ]);
    expect(failed.sort()).toEqual(['b1', 'b2', 'bad', 'u1']);
    expect(failures).toEqual(['bad: not a publish request: {}', 'b: S3 is down', 'unknown: unknown dataset "unknown"']);
  });

  it('hands back at the deadline: the build it stops is an attempt, the requests it did not start go back as they were', async () => {
    const deadline = new AbortController();
    const sent: [object, number][] = [];
    const failed = await settlePublishBatch([request('a1', 'a', '2025-03-01T10:00:00Z'), request('b1', 'b', '2025-03-01T10:00:00Z')], {
      datasets: [dataset('a'), dataset('b')],
      settle: async (): Promise<SettleOutcome> => {
        deadline.abort(new DeadlineError("stopped 30 s before the function's deadline"));
        return deadline.signal.throwIfAborted() as never;
      },
      retry: async (again, delaySeconds) => void sent.push([again, delaySeconds]),
      signal: deadline.signal,
    });
    expect(failed).toEqual([]);
    expect(sent).toEqual([
      [{ kind: 'publish-dataset', datasetId: 'a', requestedAt: '2025-03-01T10:00:00.000Z', attempt: 1 }, 10],
      [{ kind: 'publish-dataset', datasetId: 'b', requestedAt: '2025-03-01T10:00:00.000Z' }, 1],
    ]);
  });
});

describe('the deadline signal', () => {
  it('aborts the margin before the deadline with a DeadlineError, and stops an iteration that checks it', async () => {
    const signal = deadlineSignal(1_030, 1_000);
    expect(signal.aborted).toBe(false);
    const seen: number[] = [];
    async function* slow() {
      for (let i = 0; ; i += 1) {
        yield i;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    await expect(
      (async () => {
        for await (const i of untilAborted(slow(), signal)) seen.push(i);
      })(),
    ).rejects.toThrow(new DeadlineError("stopped 1 s before the function's deadline"));
    expect(seen.length).toBeGreaterThan(0);
    expect(signal.reason).toBeInstanceOf(DeadlineError);
    expect(deadlineSignal(500, 1_000).aborted).toBe(true);
  });
});
