/** The formats a release file may have: the data files, and the changes file against the previous release. */
export type ReleaseFormat = 'csv' | 'csv-en' | 'jsonl' | 'parquet' | 'xlsx' | 'datapackage' | 'changes' | (string & {});

/** One file of a release in the open bucket. */
export interface ReleaseFile {
  readonly name: string;
  readonly key: string;
  readonly format: ReleaseFormat;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** An immutable release of a dataset: what the "latest" pointer and the history hold. */
export interface ReleasePointer {
  readonly datasetId: string;
  readonly releaseId: string;
  readonly createdAt: string;
  readonly rowCount: number;
  /** Digest of the definition and the rows in id order: equal digests, equal content. */
  readonly snapshotHash: string;
  readonly manifestKey: string;
  readonly files: readonly ReleaseFile[];
  /** 无条件开放 (open) or 受限开放 (restricted); releases before grading carry none and were open. */
  readonly category?: 'open' | 'restricted';
}
