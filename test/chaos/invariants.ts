import { gunzipSync } from 'node:zlib';
import type { Composition } from '../../src/app/composition.js';
import { DynamoCheckpointStore } from '../../src/aws/dynamo-checkpoints.js';
import { S3ObjectListing } from '../../src/aws/s3-object-listing.js';
import { RAW_STREAM } from '../../src/ingest/sync-source.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { decodeCursor } from '../../demo/enforcement/server.js';
import { compareKeysets, type Keyset } from '../../demo/enforcement/keyset-store.js';
import type { DepartmentEdit } from '../../demo/shared/chaos-hook.js';
import { chinaMillis, type SourceRow } from './workload.js';

/** One invariant after the final settle: holds, or the first examples of where it does not. */
export interface InvariantResult {
  readonly name: string;
  readonly holds: boolean;
  readonly detail: string;
  readonly examples: readonly string[];
}

const EXAMPLES = 5;
export const RECORD_TYPE = 'enforcement-decision';

export function result(name: string, problems: readonly string[], detail: string): InvariantResult {
  return {
    name,
    holds: problems.length === 0,
    detail: problems.length === 0 ? detail : `${problems.length} problem(s); ${detail}`,
    examples: problems.slice(0, EXAMPLES),
  };
}

/** Every current record of the workload's type, by the (source, source key) it came from. */
export async function currentBySourceKey(app: Composition): Promise<Map<string, StoredVersion>> {
  const bySource = new Map<string, StoredVersion>();
  for await (const page of app.recordStore().listCurrent(RECORD_TYPE)) {
    for (const stored of page) {
      if (stored.deleted) continue;
      bySource.set(`${stored.provenance.sourceId}/${stored.provenance.sourceKey}`, stored);
      for (const p of Object.values(stored.contributors ?? {})) bySource.set(`${p.sourceId}/${p.sourceKey}`, stored);
    }
  }
  return bySource;
}

/**
 * SSOT = sources, record for record: each row the department holds is a current record saying
 * what the row says now (its update_time, and the remarks the harness edits), or is quarantined;
 * no current record comes from a row the department does not hold.
 */
export async function ssotEqualsSources(
  app: Composition,
  truth: ReadonlyMap<string, ReadonlyMap<string, SourceRow>>,
  current: ReadonlyMap<string, StoredVersion>,
): Promise<InvariantResult> {
  const problems: string[] = [];
  let matched = 0;
  let quarantined = 0;
  for (const [sourceId, rows] of truth) {
    const held = new Set((await app.quarantineStore().list(sourceId)).map((e) => e.sourceKey));
    for (const row of rows.values()) {
      const stored = current.get(`${sourceId}/${row.id}`);
      if (!stored) {
        if (held.has(row.id)) quarantined += 1;
        else problems.push(`${sourceId}/${row.id}: neither in the SSOT nor in quarantine`);
        continue;
      }
      const record = stored.record;
      const updated = typeof record.sourceUpdatedAt === 'string' ? Date.parse(record.sourceUpdatedAt) : NaN;
      const remarks = typeof record.remarks === 'string' ? record.remarks : '';
      if (updated !== chinaMillis(row.updateTime))
        problems.push(`${sourceId}/${row.id}: SSOT says updated ${String(record.sourceUpdatedAt)}, the source ${row.updateTime}`);
      else if (remarks !== row.remarks.trim()) problems.push(`${sourceId}/${row.id}: SSOT remarks "${remarks}", the source "${row.remarks}"`);
      else matched += 1;
    }
    for (const key of current.keys()) {
      const [source, id] = key.split('/') as [string, string];
      if (source === sourceId && !rows.has(id)) problems.push(`${key}: in the SSOT, not in the source`);
    }
  }
  return result('SSOT equals the sources record for record', problems, `${matched} records match their source rows, ${quarantined} rows quarantined`);
}

/**
 * No duplicate versions: each record's versions run 1..n with no gap, the current one is the
 * last, no two carry the same content hash, and there are no more than its edits allow.
 */
export async function noDuplicateVersions(
  app: Composition,
  current: ReadonlyMap<string, StoredVersion>,
  edits: readonly DepartmentEdit[],
): Promise<InvariantResult> {
  const problems: string[] = [];
  const editsOf = new Map<string, number>();
  for (const e of edits) editsOf.set(e.id, (editsOf.get(e.id) ?? 0) + 1);
  const records = new Map([...current.values()].map((s) => [s.recordId, s]));
  let versions = 0;
  for (const stored of records.values()) {
    const history = (await app.recordStore().versions(RECORD_TYPE, stored.recordId)).sort((a, b) => a.version - b.version);
    versions += history.length;
    const numbers = history.map((v) => v.version);
    if (numbers.some((n, i) => n !== i + 1)) problems.push(`${stored.recordId}: versions ${numbers.join(',')} are not 1..${numbers.length}`);
    if (history.at(-1)?.version !== stored.version)
      problems.push(`${stored.recordId}: current is v${stored.version}, the last version v${history.at(-1)?.version}`);
    const hashes = new Set(history.map((v) => v.contentHash));
    if (hashes.size !== history.length) problems.push(`${stored.recordId}: ${history.length - hashes.size} version(s) repeat an earlier content hash`);
    const allowed = 1 + (stored.provenance.sourceId === 'demo-enforcement' ? (editsOf.get(stored.provenance.sourceKey) ?? 0) : 0);
    if (history.length > allowed) problems.push(`${stored.recordId} (${stored.provenance.sourceKey}): ${history.length} versions for ${allowed - 1} edit(s)`);
  }
  return result('no duplicate versions', problems, `${records.size} records, ${versions} versions`);
}

/**
 * No checkpoint ahead of durable data: every row the department holds at or before a source's
 * checkpoint is in a raw batch of that source, as it is now (same id, same update_time).
 */
export async function checkpointsBehindRawData(app: Composition, truth: ReadonlyMap<string, ReadonlyMap<string, SourceRow>>): Promise<InvariantResult> {
  const problems: string[] = [];
  const checkpoints = new DynamoCheckpointStore(app.clients.doc, app.config.resources.table('state'));
  const raw = app.rawBucket();
  const rawKeys = new S3ObjectListing(app.clients.s3, app.config.resources.bucket('raw'));
  const details: string[] = [];
  for (const [sourceId, rows] of truth) {
    const checkpoint = await checkpoints.get(sourceId, RAW_STREAM);
    const position: Keyset | undefined = checkpoint?.cursor ? decodeCursor(checkpoint.cursor) : undefined;
    if (checkpoint?.cursor && !position) {
      problems.push(`${sourceId}: checkpoint cursor ${checkpoint.cursor} is not one the department issued`);
      continue;
    }
    const durable = new Set<string>();
    let batches = 0;
    for await (const key of rawKeys.listKeys(`raw/${sourceId}/`)) {
      const body = await raw.get(key);
      if (!body) continue;
      batches += 1;
      const page = JSON.parse(gunzipSync(body).toString('utf8')) as { data?: { id: string; update_time: string }[] };
      for (const item of page.data ?? []) durable.add(`${item.id}@${item.update_time}`);
    }
    let covered = 0;
    for (const row of rows.values()) {
      if (!position || compareKeysets({ updateTime: row.updateTime, id: row.id }, position) > 0) continue;
      covered += 1;
      if (!durable.has(`${row.id}@${row.updateTime}`))
        problems.push(`${sourceId}: checkpoint at ${position.updateTime}/${position.id} is past row ${row.id}@${row.updateTime}, which no raw batch holds`);
    }
    details.push(`${sourceId}: ${covered}/${rows.size} rows behind the checkpoint, ${batches} raw batches`);
  }
  return result('no checkpoint ahead of durable data', problems, details.join('; '));
}
