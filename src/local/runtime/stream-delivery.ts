import type { DynamoDBBatchResponse } from 'aws-lambda';
import { backoffMs } from './outage-tracker.js';
import { decideAfterInvocation, type BatchDecision, type InvocationOutcome } from './stream-batches.js';

/** A stream record as delivery needs it: its sequence number. */
export interface SequencedRecord {
  readonly dynamodb?: { readonly SequenceNumber?: string };
}

/** What delivery asks of the dependency its handler writes to (DependencyGate). */
export interface DependencyStatus {
  /** Outages seen so far. */
  readonly outages: number;
  /** Probes the dependency: true when it is down. */
  confirmOutage(): Promise<boolean>;
  whenUp(): Promise<void>;
}

export interface DeliveryDeps<R extends SequencedRecord> {
  /** Invokes the function with these records (one event); its answer is a DynamoDBBatchResponse or nothing. */
  readonly invoke: (records: readonly R[]) => Promise<unknown>;
  readonly dependency: DependencyStatus;
  /** Retries of a single failing record before it is set aside (the stack's streamRetryAttempts). */
  readonly retryAttempts: number;
  /** Saves the shard's position: every record up to and including this sequence number is done. */
  readonly commit: (sequenceNumber: string) => Promise<void>;
  /** Sends the record's place in the stream to the on-failure destination. */
  readonly setAside: (records: readonly R[], invocations: number, error: string) => Promise<void>;
  /** False once the mapping is stopping: delivery ends without moving past what is not done. */
  readonly running: () => boolean;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Waits between retries of one failing record: short, the failure is the handler's. */
const RECORD_RETRY_BACKOFF = { firstMs: 100, maxMs: 5_000 };

const sequenceNumber = (record: SequencedRecord): string => {
  const seq = record.dynamodb?.SequenceNumber;
  if (!seq) throw new Error('a stream record without a sequence number');
  return seq;
};

/** Head failures: the ones that would bisect, count a retry or set a record aside. */
const failedAtHead = (decision: BatchDecision): boolean => decision.kind === 'bisect' || decision.kind === 'retry' || decision.kind === 'set-aside';

/**
 * Delivers `records` (one read of a shard, already filtered, in stream order) as Lambda's stream
 * mapping would, moving the position as records are done; answers false when the mapping stopped
 * first. A failure while the dependency is down (asked of it, not guessed from the error) waits
 * for it and tries the same batch again, counting nothing, so no record is set aside because a
 * dependency was down.
 */
export async function deliverInOrder<R extends SequencedRecord>(records: readonly R[], deps: DeliveryDeps<R>): Promise<boolean> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  let rest = records;
  let size = rest.length;
  let attempts = 0;
  let invocations = 0;
  const moveOn = async (count: number) => {
    await deps.commit(sequenceNumber(rest[count - 1]!));
    rest = rest.slice(count);
    size = rest.length;
    attempts = 0;
    invocations = 0;
  };
  while (rest.length > 0) {
    if (!deps.running()) return false;
    const batch = rest.slice(0, size);
    const sequenceNumbers = batch.map(sequenceNumber);
    const outagesBefore = deps.dependency.outages;
    invocations += 1;
    const { outcome, error } = await invokeOnce(deps, batch);
    let decision = decideAfterInvocation(sequenceNumbers, outcome, attempts, deps.retryAttempts);
    if (failedAtHead(decision) && (deps.dependency.outages !== outagesBefore || (await deps.dependency.confirmOutage()))) {
      decision = decideAfterInvocation(sequenceNumbers, { kind: 'outage' }, attempts, deps.retryAttempts);
    }
    switch (decision.kind) {
      case 'advance':
        await moveOn(decision.done);
        break;
      case 'bisect':
        // A new, smaller batch: Lambda's approximateInvokeCount counts the invocations of the batch that is set aside.
        size = decision.size;
        invocations = 0;
        break;
      case 'retry':
        attempts = decision.attempts;
        await sleep(backoffMs(attempts, random, RECORD_RETRY_BACKOFF));
        break;
      case 'wait-for-dependency':
        // The invocation that met the outage is not one of the record's attempts.
        invocations -= 1;
        await deps.dependency.whenUp();
        break;
      case 'set-aside':
        await deps.setAside(batch, invocations, error ?? 'failed');
        await moveOn(1);
        break;
    }
  }
  return true;
}

async function invokeOnce<R extends SequencedRecord>(deps: DeliveryDeps<R>, batch: readonly R[]): Promise<{ outcome: InvocationOutcome; error?: string }> {
  try {
    const response = (await deps.invoke(batch)) as Partial<DynamoDBBatchResponse> | undefined | null;
    const failures = response?.batchItemFailures ?? [];
    if (!Array.isArray(failures) || failures.length === 0) return { outcome: { kind: 'succeeded' } };
    const itemIdentifiers = failures.map((f: { itemIdentifier?: unknown } | null) => f?.itemIdentifier);
    return { outcome: { kind: 'reported', itemIdentifiers }, error: `the handler reported failed records from ${String(itemIdentifiers[0])}` };
  } catch (error) {
    return { outcome: { kind: 'threw' }, error: error instanceof Error ? error.message : String(error) };
  }
}
