/**
 * What the gate reads of one release file, streaming: the header when the format has one
 * (CSV, XLSX, Parquet), then each data row as its cells by column name. A JSONL file has no
 * header; each row names its own keys.
 */
export type TableEvent =
  | { readonly kind: 'header'; readonly names: readonly string[] }
  | {
      readonly kind: 'row';
      readonly cells: readonly (readonly [string, unknown])[];
      /** The 1-based data row when the format numbers its rows (XLSX skips empty ones); else counted. */
      readonly row?: number;
      readonly sheet?: string;
    };

export type TableReader = (path: string) => AsyncIterable<TableEvent>;
