/**
 * Who is building a dataset's release: one build per dataset at a time. Two builds of the same
 * dataset read and write the same thing, and only one can commit; the other was wasted work
 * that also slowed the first. A lease expires by itself, so a build that died frees it.
 */
export interface BuildLeases {
  /** True when `holder` now holds the dataset's lease until `until`: nobody held it, or their lease expired at `now`. */
  claim(datasetId: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease back if `holder` still holds it. */
  end(datasetId: string, holder: string): Promise<void>;
}
