/**
 * Which record each row of a release is. A release's data files carry the released fields only;
 * its rows are written in record id order, and its private state (state/<dataset>/<release>/,
 * beside the release in the same bucket) lists the same records in the same order with their
 * ids. Counting the state's shown entries gives each record's position in the Parquet file
 * (`file_row_number`); the mapping is kept as a small Parquet file in the records cache.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ObjectStreamReader } from '../../ports/index.js';
import type { ReleasePointer } from '../../publish/release.js';
import { stateIndexKey, type ReleaseState } from '../../publish/release-state.js';
import { sqlPath, type DuckDbEngine } from './duckdb-engine.js';

async function text(objects: ObjectStreamReader, key: string): Promise<string> {
  const object = await objects.getStream(key);
  if (!object) throw new Error(`release state ${key} is missing`);
  return new Response(object.body).text();
}

/** Every record id the release carries, with its row's position, in order. */
export async function* releasedRecordIds(objects: ObjectStreamReader, release: ReleasePointer): AsyncGenerator<{ id: string; position: number }> {
  const state = JSON.parse(await text(objects, stateIndexKey(release.datasetId, release.releaseId))) as ReleaseState;
  let position = 0;
  for (const part of state.parts) {
    const object = await objects.getStream(part.key);
    if (!object) throw new Error(`release state part ${part.key} is missing`);
    const lines = createInterface({ input: Readable.fromWeb(object.body).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const entry = JSON.parse(line) as { id: string; row?: unknown };
      // Only shown entries are rows of the release; waiting and removed lines are not.
      if (entry.row !== undefined) yield { id: entry.id, position: position++ };
    }
  }
  if (position !== release.rowCount) throw new Error(`release ${release.releaseId}: its state lists ${position} rows, the release ${release.rowCount}`);
}

/** Writes the release's (record_id, position) Parquet file to `path`, through DuckDB. */
export async function writeRecordIds(engine: DuckDbEngine, objects: ObjectStreamReader, release: ReleasePointer, path: string): Promise<void> {
  const staging = `${path}.jsonl`;
  try {
    const out = createWriteStream(staging, { mode: 0o600 });
    for await (const { id, position } of releasedRecordIds(objects, release))
      if (!out.write(`${JSON.stringify({ record_id: id, position })}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    await engine.run(
      `COPY (SELECT * FROM read_json(${sqlPath(staging)}, format = 'newline_delimited', columns = {record_id: 'VARCHAR', position: 'BIGINT'})) ` +
        `TO ${sqlPath(path)} (FORMAT parquet)`,
    );
  } finally {
    await rm(staging, { force: true });
  }
}
