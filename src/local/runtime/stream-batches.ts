/**
 * What Lambda's DynamoDB Streams mapping does after an invocation, as the CDK stack configures
 * it (lib/constructs/event-triggers.ts: bisectBatchOnError, reportBatchItemFailures,
 * retryAttempts, an SQS on-failure destination). Pure: the mapping feeds it the batch's
 * sequence numbers and how the invocation ended, and does what it answers.
 */

/** How an invocation ended, as the mapping saw it. */
export type InvocationOutcome =
  /** The handler returned no failures. */
  | { readonly kind: 'succeeded' }
  /** The handler returned `batchItemFailures` (DynamoDBBatchResponse): each itemIdentifier a SequenceNumber. */
  | { readonly kind: 'reported'; readonly itemIdentifiers: readonly unknown[] }
  /** The handler threw, and the dependency answered afterwards: the handler's or the data's error. */
  | { readonly kind: 'threw' }
  /** The handler failed while a dependency was down: nobody's fault, nothing counted. */
  | { readonly kind: 'outage' };

export type BatchDecision =
  /** The first `done` records are processed: the position moves to the last of them; the next batch starts after it. */
  | { readonly kind: 'advance'; readonly done: number }
  /** Invoke again with the first `size` records (a half after a failure). */
  | { readonly kind: 'bisect'; readonly size: number }
  /** Invoke the single record again; `attempts` retries of it have now failed. */
  | { readonly kind: 'retry'; readonly attempts: number }
  /** Wait for the dependency, then invoke the same batch again; the attempts stay as they were. */
  | { readonly kind: 'wait-for-dependency' }
  /** The single record failed `retryAttempts` retries: it goes to the on-failure destination, and the mapping moves past it. */
  | { readonly kind: 'set-aside' };

/**
 * Where the first failure is in the batch: the lowest-positioned reported sequence number (Lambda
 * checkpoints at the smallest). An identifier that is empty, not a string or not in the batch makes
 * the whole batch a failure, as in Lambda; an empty list is a success.
 */
export function firstFailure(sequenceNumbers: readonly string[], itemIdentifiers: readonly unknown[]): number | undefined {
  if (itemIdentifiers.length === 0) return undefined;
  let first = sequenceNumbers.length;
  for (const id of itemIdentifiers) {
    const at = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (at < 0) return 0;
    first = Math.min(first, at);
  }
  return first;
}

/**
 * The next step after invoking with `sequenceNumbers` (in stream order), when `attempts` retries of
 * the batch's first record have failed before. A thrown error (or a failure reported at the first
 * record) bisects the batch, not counted as a retry, until a single record is left; only that record
 * is then retried and, after `retryAttempts` retries, set aside, so one bad record never takes the
 * records around it to the failures queue. A reported failure further in marks the records before it
 * done; the retry starts at it.
 */
export function decideAfterInvocation(sequenceNumbers: readonly string[], outcome: InvocationOutcome, attempts: number, retryAttempts: number): BatchDecision {
  if (sequenceNumbers.length === 0) throw new Error('a stream batch has at least one record');
  if (outcome.kind === 'outage') return { kind: 'wait-for-dependency' };
  if (outcome.kind === 'succeeded') return { kind: 'advance', done: sequenceNumbers.length };
  const failedAt = outcome.kind === 'reported' ? firstFailure(sequenceNumbers, outcome.itemIdentifiers) : 0;
  if (failedAt === undefined) return { kind: 'advance', done: sequenceNumbers.length };
  if (failedAt > 0) return { kind: 'advance', done: failedAt };
  if (sequenceNumbers.length > 1) return { kind: 'bisect', size: Math.ceil(sequenceNumbers.length / 2) };
  return attempts + 1 > retryAttempts ? { kind: 'set-aside' } : { kind: 'retry', attempts: attempts + 1 };
}

/** The fields of a stream record the on-failure message names. */
export interface FailedStreamRecord {
  readonly dynamodb?: { readonly SequenceNumber?: string; readonly ApproximateCreationDateTime?: Date | number | string };
}

/**
 * The message Lambda sends a stream mapping's SQS on-failure destination: where the records are
 * in the stream (to read them again), not the records themselves.
 */
export function streamFailureMessage(input: {
  readonly records: readonly FailedStreamRecord[];
  readonly shardId: string;
  readonly streamArn: string;
  readonly functionArn: string;
  readonly requestId: string;
  readonly invocations: number;
  readonly now: Date;
}): Record<string, unknown> {
  const { records } = input;
  const arrival = (record: FailedStreamRecord | undefined): string | undefined => {
    const at = record?.dynamodb?.ApproximateCreationDateTime;
    if (at === undefined) return undefined;
    // The SDK hands a Date; DynamoDB Streams' wire format is epoch seconds.
    const date = at instanceof Date ? at : typeof at === 'number' ? new Date(at * 1000) : new Date(at);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  return {
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: input.invocations,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: input.now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: records[0]?.dynamodb?.SequenceNumber,
      endSequenceNumber: records.at(-1)?.dynamodb?.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(records[0]),
      approximateArrivalOfLastRecord: arrival(records.at(-1)),
      batchSize: records.length,
      streamArn: input.streamArn,
    },
  };
}
