/** The last time each dataset's records changed, for debouncing releases. */
export interface ChangeMarks {
  /** Moves each dataset's mark to `at`, never backwards (stream batches may arrive out of order). */
  markChanged(datasetIds: readonly string[], at: Date): Promise<void>;
  lastChanged(datasetId: string): Promise<Date | undefined>;
}
