import type { SqlSource, Watermark } from './keyset.js';

export type SqlRow = Record<string, unknown>;

/** One pull's worth of reading from a front database, in a read-only session. */
export interface RowBatchReader {
  /** Rows after the watermark (for progress and ETA). */
  count(): Promise<number>;
  /** The rows after the watermark in keyset order, `batchSize` at a time; memory holds one batch. */
  batches(): AsyncIterable<SqlRow[]>;
  close(): Promise<void>;
}

export interface ReaderInput {
  readonly source: SqlSource;
  readonly after: Watermark | null;
  readonly host: string;
  readonly password: string | undefined;
  readonly batchSize: number;
  readonly statementTimeoutMs: number;
}

export type OpenRowReader = (input: ReaderInput) => Promise<RowBatchReader>;

/** Zone in which the session renders timestamps: the city's, so raw rows read as the department sees them. */
export const SESSION_TIME_ZONE = 'Asia/Shanghai';
export const SESSION_UTC_OFFSET = '+08:00';
