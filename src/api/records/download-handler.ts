/**
 * `GET|HEAD /v1/datasets/{id}/download?format=&release=`: a release file. In AWS a 302 to a
 * presigned S3 URL (API Gateway caps a response at about 6 MB); elsewhere streamed, with single
 * byte ranges. A grant that allows fewer fields than the release has gets the release's rows in
 * those fields only, as JSONL or Parquet made by DuckDB; the CSV and XLSX files (Chinese headers
 * and labels) are not remade per grant and are refused, saying which formats are served.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { auditRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_IMMUTABLE, CACHE_PRIVATE, ifNoneMatchMatches } from '../http/conditional.js';
import { invalidParameter, problemResponse } from '../problem.js';
import { isReleaseFormat, RELEASE_FORMATS, RELEASE_MEDIA_TYPES } from '../release-formats.js';
import { contentRange, resolveRange } from './byte-range.js';
import { readableRelease, repeatedParameter, unknownParameter, type ReadableRelease } from './route-support.js';

/** How long a presigned download URL stays valid. */
export const PRESIGNED_SECONDS = 300;

export async function downloadHandler(c: Context<ApiEnv>, deps: ApiDeps): Promise<Response> {
  const unknown = unknownParameter(c, ['format', 'release']);
  if (unknown) return invalidParameter(c, unknown, 'is not a parameter of /download (format, release)');
  const repeated = repeatedParameter(c, ['format', 'release']);
  if (repeated) return invalidParameter(c, repeated, 'given more than once');
  const format = c.req.query('format') ?? 'csv';
  if (!isReleaseFormat(format)) return invalidParameter(c, 'format', `must be one of ${RELEASE_FORMATS.join(', ')}; got "${format}"`);
  const found = await readableRelease(c, deps, c.req.query('release'));
  if (found instanceof Response) return found;
  const { dataset, release, access } = found;
  const file = release.files.find((f) => f.format === format);
  if (!file) return problemResponse(c, 404, `release "${release.releaseId}" of dataset "${dataset.id}" has no ${format} file`);
  const head = c.req.method === 'HEAD';
  const cacheControl = access.grant ? CACHE_PRIVATE : CACHE_IMMUTABLE;
  const granted = access.fields;
  // A key holder's download is audited with the fields it carries, whole files included.
  const released = granted || c.get('caller')?.kind === 'key' ? await releasedFields(deps, found) : undefined;

  if (granted && released && granted.length < released.length) {
    if (format !== 'jsonl' && format !== 'parquet')
      return problemResponse(c, 403, {
        zh: `您的授权仅含部分字段；${format} 文件按整份发布，不按授权字段重新生成，请下载 jsonl 或 parquet 格式，或使用 records 接口`,
        en: `your grant allows ${granted.length} of the release's ${released.length} fields; the ${format} file is published whole and not remade per grant: download format=jsonl or format=parquet, or use /records`,
      });
    if (!deps.records.project) return problemResponse(c, 503, `downloads of granted fields are not offered by this deployment`);
    const projected = await deps.records.project(release, granted, format);
    const headers = {
      'content-type': RELEASE_MEDIA_TYPES[format],
      'content-length': String(projected.bytes),
      'content-disposition': `attachment; filename="${dataset.id}.granted.${format === 'jsonl' ? 'jsonl' : 'parquet'}"`,
      'cache-control': CACHE_PRIVATE,
      'x-tongyuan-release': release.releaseId,
    };
    await auditRead(c, { datasetId: dataset.id, route: 'download', fields: granted, rows: release.rowCount });
    if (head) {
      await projected.discard();
      return c.body(null, 200, headers);
    }
    const stream = createReadStream(projected.path);
    stream.on('close', () => void projected.discard());
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, headers);
  }

  const etag = `"${file.sha256}"`;
  if (ifNoneMatchMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, { etag, 'cache-control': cacheControl });
  const common = { etag, 'cache-control': cacheControl, 'accept-ranges': 'bytes', 'x-tongyuan-release': release.releaseId };

  if (deps.presignDownload && !head) {
    const location = await deps.presignDownload(file.key, { fileName: file.name, mediaType: RELEASE_MEDIA_TYPES[format], expiresInSeconds: PRESIGNED_SECONDS });
    await auditRead(c, { datasetId: dataset.id, route: 'download', fields: released ?? [], rows: release.rowCount });
    // The URL expires: the redirect itself is never cached.
    return c.body(null, 302, { location, 'cache-control': 'no-store', 'x-tongyuan-release': release.releaseId });
  }

  const range = resolveRange(c.req.header('range'), file.bytes);
  if (range.kind === 'unsatisfiable') {
    const refused = problemResponse(c, 416, `the file has ${file.bytes} bytes; the range "${c.req.header('range')}" lies outside it`);
    refused.headers.set('content-range', contentRange(undefined, file.bytes));
    refused.headers.set('accept-ranges', 'bytes');
    return refused;
  }
  const part = range.kind === 'range' ? range.range : undefined;
  const headers = {
    ...common,
    'content-type': RELEASE_MEDIA_TYPES[format],
    'content-length': String(part ? part.end - part.start + 1 : file.bytes),
    'content-disposition': `attachment; filename="${file.name}"`,
    ...(part ? { 'content-range': contentRange(part, file.bytes) } : {}),
  };
  if (head) return c.body(null, part ? 206 : 200, headers);
  const object = await deps.open.getStream(file.key, part);
  // The caller learns the release is unavailable, not where our files live.
  if (!object) return problemResponse(c, 503, `dataset "${dataset.id}" has a ${format} release whose file cannot be served now`);
  await auditRead(c, { datasetId: dataset.id, route: 'download', fields: released ?? [], rows: release.rowCount });
  return c.body(object.body, part ? 206 : 200, headers);
}

/** The fields of the release (its Parquet columns), to tell whether a grant allows fewer. */
async function releasedFields(deps: ApiDeps, found: ReadableRelease): Promise<string[]> {
  if (!found.release.files.some((f) => f.format === 'parquet')) return [...found.dataset.fields];
  const page = await deps.records.query({ dataset: found.dataset, release: found.release, limit: 1 });
  return page.fields.map((f) => f.id);
}
