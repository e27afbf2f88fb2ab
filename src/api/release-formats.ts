import type { ReleaseFormat } from '../publish/release.js';

/** What a client receives for each format of a release; the format name is the `download?format=` value. */
export const RELEASE_MEDIA_TYPES: Readonly<Record<ReleaseFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  'csv-en': 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const RELEASE_FORMATS = Object.keys(RELEASE_MEDIA_TYPES) as readonly ReleaseFormat[];

export const isReleaseFormat = (value: string): value is ReleaseFormat => Object.hasOwn(RELEASE_MEDIA_TYPES, value);
