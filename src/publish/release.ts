import type { ReleaseQuality } from './release-quality.js';

/** Formats a release may carry (the formats slice's writers; `csv` has Chinese headers, `csv-en` field ids). */
export type ReleaseFormat = 'csv' | 'csv-en' | 'jsonl' | 'parquet' | 'xlsx';

/** 无条件开放 (open) or 受限开放 (restricted: masked, served only through a grant). */
export type DatasetCategory = 'open' | 'restricted';

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
  readonly snapshotHash: string;
  readonly manifestKey: string;
  readonly files: readonly ReleaseFile[];
  /** The category the release was built under; releases from before grading carry none. */
  readonly category?: DatasetCategory;
  /** Completeness, validity and freshness as measured when the release was built (manifest.json carries the same). */
  readonly quality?: ReleaseQuality;
}
