/** Where a source run stands: how many normalize messages it sent, how many are done. */
export interface RunState {
  /** The run has sent its last message: `expected` is final. */
  readonly sealed: boolean;
  readonly expected: number;
  /** Distinct messages of the run normalized so far (a redelivery counts once). */
  readonly done: number;
  /** Someone has already completed the run and sent its publish requests. */
  readonly completed: boolean;
  /** Whether a message of the run changed records or quarantine; undefined from a ledger that does not know (then it counts as changed). */
  readonly changed?: boolean;
}

/**
 * The ledger of source runs (one sync of one source): ingest opens and seals a run, each
 * normalized message of the run is counted once, and exactly one caller completes it.
 */
export interface SourceRuns {
  open(sourceId: string, runId: string, at: Date): Promise<void>;
  /** The run sent `expected` messages in all. */
  seal(sourceId: string, runId: string, expected: number, at: Date): Promise<RunState>;
  /** Message `seq` of the run was normalized (`changed`: it changed records or quarantine); idempotent per seq. */
  done(sourceId: string, runId: string, seq: number, at: Date, changed?: boolean): Promise<RunState>;
  /** True for exactly one caller per run: the one that completes it. */
  claimCompletion(sourceId: string, runId: string, at: Date): Promise<boolean>;
  /** A run of the source is neither completed nor abandoned (untouched for `staleSeconds`). */
  inFlight(sourceId: string, now: Date, staleSeconds: number): Promise<boolean>;
}
