/** One record of a stream batch, as the counters see it. */
export interface CountedChange {
  /** The stream record's `dynamodb.SequenceNumber`: a decimal string, ordered within a shard. */
  readonly sequenceNumber: string;
  /** Undefined for a stream record that is no version insert. */
  readonly recordType?: string;
  /** The version's liveDelta (ssot/live-count.ts); 0 for anything else. */
  readonly delta: number;
}

/** The live-record counters as they stand. */
export interface LiveRecordCounts {
  /**
   * When counting began: the baseline written as the records table was created empty.
   * Undefined when there is none, so records may predate the counters (a local state
   * directory made before them): then the counts are not to be trusted.
   */
  readonly since?: string;
  /** Live records per type; a type without a counter has none. */
  readonly live: ReadonlyMap<string, number>;
}

/**
 * Exact per-type counts of live records (what the record reader's countCurrent counts),
 * kept from the SSOT's change stream: each version item carries its delta, and the stream's
 * consumer applies a batch's sum per type once, after the batch's other work succeeded.
 *
 * In AWS the tables start empty with the stack, so a type without a counter has 0 live
 * records, baseline or not. Locally the provisioning writes the baseline when it creates
 * the records table; a state directory without one is counted by query instead.
 */
export interface RecordCounts {
  /**
   * Applies one stream batch's changes (the records it finished, from its first, in stream
   * order) once: a batch delivered again, or retried from the same first record with more
   * records, adds only what it had not added yet; a retry from a later record is a batch of its own.
   */
  apply(changes: readonly CountedChange[], at: Date): Promise<void>;
  read(): Promise<LiveRecordCounts>;
}
