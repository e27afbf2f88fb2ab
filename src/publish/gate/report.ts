/** What the publish gate found in a release; any finding stops the release. */
export interface GateFinding {
  /** The release file's name. */
  readonly file: string;
  /** 1-based data row; 0 for the header (a column that may not be there). */
  readonly row: number;
  /** The column as the file names it (a Chinese header in CSV/XLSX, the field id elsewhere). */
  readonly column: string;
  /** id-number, mobile, bank-card, unknown-column or grade-above-category. */
  readonly kind: string;
  readonly detail: string;
}

export interface GateReport {
  readonly passed: boolean;
  /** The first findings (at most MAX_FINDINGS): enough to act on without holding a million of them. */
  readonly findings: readonly GateFinding[];
  /** Findings beyond those listed, counted only. */
  readonly omitted?: number;
}

export const MAX_FINDINGS = 1000;

/** A release file as the gate reads it: the local file, before anything of the release is uploaded. */
export interface GateFile {
  readonly name: string;
  /** csv, csv-en, jsonl, parquet, xlsx; another format is read by its file name's extension. */
  readonly format: string;
  /** The local file. */
  readonly path: string;
}
