/** One file of a release in the open bucket. */
export interface ReleaseFile {
  readonly name: string;
  readonly key: string;
  readonly format: 'csv' | 'jsonl';
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
  readonly snapshotHash: string;
  readonly manifestKey: string;
  readonly files: readonly ReleaseFile[];
}
