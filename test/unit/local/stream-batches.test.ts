import { describe, expect, it } from 'vitest';
import { decideAfterInvocation, firstFailure, streamFailureMessage } from '../../../src/local/runtime/stream-batches.js';
import { deliverInOrder, type DependencyStatus } from '../../../src/local/runtime/stream-delivery.js';

const seqs = (n: number) => Array.from({ length: n }, (_, i) => String(100 + i));

describe('decideAfterInvocation', () => {
  it('moves past the whole batch when the handler reported no failure', () => {
    expect(decideAfterInvocation(seqs(5), { kind: 'succeeded' }, 0, 5)).toEqual({ kind: 'advance', done: 5 });
    expect(decideAfterInvocation(seqs(5), { kind: 'reported', itemIdentifiers: [] }, 0, 5)).toEqual({ kind: 'advance', done: 5 });
  });

  it('marks the records before the first reported failure done; the retry starts at it', () => {
    expect(decideAfterInvocation(seqs(5), { kind: 'reported', itemIdentifiers: ['103'] }, 0, 5)).toEqual({ kind: 'advance', done: 3 });
    // Several failures: Lambda checkpoints at the lowest.
    expect(decideAfterInvocation(seqs(5), { kind: 'reported', itemIdentifiers: ['104', '102', '103'] }, 0, 5)).toEqual({ kind: 'advance', done: 2 });
  });

  it('takes an empty, missing or unknown identifier as a failure of the whole batch', () => {
    for (const bad of ['', null, undefined, 'not-in-batch', 42]) expect(firstFailure(seqs(4), [bad])).toBe(0);
    expect(decideAfterInvocation(seqs(4), { kind: 'reported', itemIdentifiers: ['102', ''] }, 0, 5)).toEqual({ kind: 'bisect', size: 2 });
  });

  it('bisects a batch that threw, not counting it as a retry, down to one record', () => {
    expect(decideAfterInvocation(seqs(100), { kind: 'threw' }, 0, 5)).toEqual({ kind: 'bisect', size: 50 });
    expect(decideAfterInvocation(seqs(3), { kind: 'threw' }, 0, 5)).toEqual({ kind: 'bisect', size: 2 });
    expect(decideAfterInvocation(seqs(2), { kind: 'reported', itemIdentifiers: ['100'] }, 0, 5)).toEqual({ kind: 'bisect', size: 1 });
    expect(decideAfterInvocation(seqs(1), { kind: 'threw' }, 0, 5)).toEqual({ kind: 'retry', attempts: 1 });
  });

  it('sets a single record aside once its retries are spent', () => {
    expect(decideAfterInvocation(seqs(1), { kind: 'threw' }, 4, 5)).toEqual({ kind: 'retry', attempts: 5 });
    expect(decideAfterInvocation(seqs(1), { kind: 'threw' }, 5, 5)).toEqual({ kind: 'set-aside' });
    expect(decideAfterInvocation(seqs(1), { kind: 'threw' }, 0, 0)).toEqual({ kind: 'set-aside' });
  });

  it('waits for a dependency that is down without counting, however often', () => {
    expect(decideAfterInvocation(seqs(1), { kind: 'outage' }, 5, 5)).toEqual({ kind: 'wait-for-dependency' });
    expect(decideAfterInvocation(seqs(8), { kind: 'outage' }, 0, 0)).toEqual({ kind: 'wait-for-dependency' });
  });
});

interface Rec {
  readonly dynamodb: { readonly SequenceNumber: string; readonly ApproximateCreationDateTime?: Date };
}
const records = (n: number): Rec[] => seqs(n).map((SequenceNumber) => ({ dynamodb: { SequenceNumber } }));
const seqOf = (r: Rec) => r.dynamodb.SequenceNumber;
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });

/** A dependency that is down until it has been waited for `downForWaits` times. */
function dependency(downForWaits = 0): DependencyStatus & { isDown: () => boolean; waits: number } {
  const state = { down: downForWaits > 0, waits: 0, outages: downForWaits > 0 ? 1 : 0 };
  return {
    get outages() {
      return state.outages;
    },
    get waits() {
      return state.waits;
    },
    isDown: () => state.down,
    confirmOutage: async () => state.down,
    whenUp: async () => {
      state.waits += 1;
      if (state.waits >= downForWaits) state.down = false;
    },
  };
}

/** Runs delivery over `recs` with `handle` as the function; records what it committed, set aside and processed. */
async function deliver(
  recs: Rec[],
  handle: (batch: readonly Rec[], processed: string[]) => unknown,
  options: { retryAttempts?: number; dep?: DependencyStatus } = {},
) {
  const processed: string[] = [];
  const committed: string[] = [];
  const setAside: { seqs: string[]; invocations: number; error: string }[] = [];
  let invocations = 0;
  const complete = await deliverInOrder(recs, {
    invoke: async (batch) => {
      invocations += 1;
      return handle(batch, processed);
    },
    dependency: options.dep ?? dependency(),
    retryAttempts: options.retryAttempts ?? 5,
    commit: async (seq) => void committed.push(seq),
    setAside: async (batch, count, error) => void setAside.push({ seqs: batch.map(seqOf), invocations: count, error }),
    running: () => true,
    sleep: async () => undefined,
    random: () => 0,
  });
  return { complete, processed, committed, setAside, invocations };
}

/** A handler that stores records in order and, at the first it cannot store, reports it (DynamoDBBatchResponse). */
const reportingHandler = (bad: (seq: string) => boolean) => (batch: readonly Rec[], processed: string[]) => {
  for (const record of batch) {
    if (bad(seqOf(record))) return { batchItemFailures: [{ itemIdentifier: seqOf(record) }] };
    processed.push(seqOf(record));
  }
  return { batchItemFailures: [] };
};

/** A handler that throws when the batch holds a record it cannot store, storing nothing of it. */
const throwingHandler = (bad: (seq: string) => boolean) => (batch: readonly Rec[], processed: string[]) => {
  const poison = batch.find((r) => bad(seqOf(r)));
  if (poison) throw new Error(`cannot store ${seqOf(poison)}`);
  processed.push(...batch.map(seqOf));
  return undefined;
};

describe('deliverInOrder', () => {
  it('honours a partial response: the records before the failure are done once, the poison record alone goes to the failures queue', async () => {
    const run = await deliver(
      records(10),
      reportingHandler((s) => s === '106'),
      { retryAttempts: 3 },
    );
    expect(run.complete).toBe(true);
    expect(run.processed).toEqual(['100', '101', '102', '103', '104', '105', '107', '108', '109']);
    expect(run.setAside).toEqual([{ seqs: ['106'], invocations: 4, error: expect.stringContaining('106') }]);
    // The position moved to just before the failure, past the set-aside record, and to the end.
    expect(run.committed).toContain('105');
    expect(run.committed.indexOf('105')).toBeLessThan(run.committed.indexOf('106'));
    expect(run.committed.at(-1)).toBe('109');
  });

  it('bisects a batch that throws until the bad record is alone; every other record is stored exactly once, in order', async () => {
    const run = await deliver(
      records(100),
      throwingHandler((s) => s === '137'),
      { retryAttempts: 2 },
    );
    expect(run.processed).toEqual(seqs(100).filter((s) => s !== '137'));
    expect(run.setAside).toEqual([{ seqs: ['137'], invocations: 3, error: 'cannot store 137' }]);
    // Halving, not record by record: far fewer invocations than records.
    expect(run.invocations).toBeLessThan(30);
    expect(run.committed.at(-1)).toBe('199');
  });

  it('counts no attempt while the dependency is down: nothing is set aside, even with no retries allowed', async () => {
    const dep = dependency(12);
    const run = await deliver(
      records(20),
      (batch, processed) => {
        if (dep.isDown()) throw refused();
        processed.push(...batch.map(seqOf));
        return undefined;
      },
      { retryAttempts: 0, dep },
    );
    expect(run.setAside).toEqual([]);
    expect(run.processed).toEqual(seqs(20));
    expect(dep.waits).toBe(12);
  });

  it('asks the dependency when a handler reports failures without throwing (it may have caught the outage)', async () => {
    const dep = dependency(7);
    const run = await deliver(
      records(6),
      (batch, processed) => (dep.isDown() ? { batchItemFailures: [{ itemIdentifier: seqOf(batch[0]!) }] } : reportingHandler(() => false)(batch, processed)),
      { retryAttempts: 0, dep },
    );
    expect(run.setAside).toEqual([]);
    expect(run.processed).toEqual(seqs(6));
  });

  it('stops without moving past what is not done', async () => {
    let calls = 0;
    const committed: string[] = [];
    const complete = await deliverInOrder(records(4), {
      invoke: async () => {
        calls += 1;
        throw new Error('bad');
      },
      dependency: dependency(),
      retryAttempts: 100,
      commit: async (seq) => void committed.push(seq),
      setAside: async () => undefined,
      running: () => calls < 3,
      sleep: async () => undefined,
    });
    expect(complete).toBe(false);
    expect(committed).toEqual([]);
  });
});

describe('streamFailureMessage', () => {
  it('names the records as Lambda names them for a stream on-failure destination', () => {
    const at = new Date('2026-03-01T08:00:00.250Z');
    const message = streamFailureMessage({
      records: [{ dynamodb: { SequenceNumber: '4200', ApproximateCreationDateTime: at } }],
      shardId: 'shardId-00000001',
      streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tongyuan-records/stream/2026-03-01T00:00:00.000',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:tongyuan-route',
      requestId: 'req-1',
      invocations: 6,
      now: new Date('2026-03-01T08:01:00.000Z'),
    });
    expect(message).toEqual({
      requestContext: {
        requestId: 'req-1',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:tongyuan-route',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 6,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2026-03-01T08:01:00.000Z',
      DDBStreamBatchInfo: {
        shardId: 'shardId-00000001',
        startSequenceNumber: '4200',
        endSequenceNumber: '4200',
        approximateArrivalOfFirstRecord: '2026-03-01T08:00:00Z',
        approximateArrivalOfLastRecord: '2026-03-01T08:00:00Z',
        batchSize: 1,
        streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tongyuan-records/stream/2026-03-01T00:00:00.000',
      },
    });
  });
});
