import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { DatasetConfig } from '../config/catalog.js';
import type { ReleaseColumn, ReleaseFileWriter } from '../publish/release-columns.js';
import { defaultAnalyzer, type Analyzer } from './analyzer.js';
import { recordDocumentMaker } from './search-document.js';
import { Segment, SegmentBuilder, type SegmentData } from './segment.js';

/** The release file holding a release's search segment, beside its data files (not one of them: no datapackage entry, no download). */
export const SEARCH_INDEX_FILE = 'search-index.json.gz';
export const SEARCH_INDEX_FORMAT = 'search-index';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const encodeSegment = (data: SegmentData): Promise<Buffer> => gzipAsync(Buffer.from(JSON.stringify(data)), { level: 6 });

/** A segment from its release file's bytes; an unknown format is refused by name rather than misread. */
export async function decodeSegment(bytes: Uint8Array, name: string): Promise<Segment> {
  const data = JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as Partial<SegmentData>;
  if (data.format !== SEARCH_INDEX_FORMAT || data.version !== 1 || !Array.isArray(data.docs) || typeof data.fields !== 'object')
    throw new Error(`${name}: not a version 1 search-index segment`);
  return new Segment(data as SegmentData);
}

/**
 * The search segment of a release, fed the release's rows as they stream to the other files:
 * every row the release carries, and nothing else, is a document. Only open datasets get one
 * (release-pieces decides), so a restricted dataset's rows never reach the search index.
 */
export function searchIndexWriter(
  dir: string,
  dataset: DatasetConfig,
  columns: readonly ReleaseColumn[],
  analyzer: Analyzer = defaultAnalyzer(),
): ReleaseFileWriter {
  const builder = new SegmentBuilder(analyzer);
  const documentOf = recordDocumentMaker(dataset.id, dataset.recordType, columns);
  const path = join(dir, SEARCH_INDEX_FILE);
  return {
    format: SEARCH_INDEX_FORMAT,
    name: SEARCH_INDEX_FILE,
    mediaType: 'application/gzip',
    write: async (row) => builder.add(documentOf(row)),
    async close() {
      const body = await encodeSegment(builder.build());
      await writeFile(path, body);
      return { path, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    },
  };
}
