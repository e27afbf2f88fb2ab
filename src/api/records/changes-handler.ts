/** `GET /v1/datasets/{id}/changes?since=`: what changed after a release or an instant, deletions included. */
import type { Context } from 'hono';
import { auditRead, authorizeRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA, CACHE_PRIVATE } from '../http/conditional.js';
import { invalidParameter } from '../problem.js';
import { collapseChanges } from './changes-feed.js';
import { parseSince, releasesSince } from './release-lookup.js';
import { boundedInteger, readableRelease, repeatedParameter, unknownParameter } from './route-support.js';

export const CHANGES_LIMIT_MAX = 1000;
export const CHANGES_LIMIT_DEFAULT = 100;

/** Where the next page starts: after this record, in the feed up to this release. */
interface ChangesCursor {
  readonly latest: string;
  readonly after: string;
}

const encode = (cursor: ChangesCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decode(text: string): ChangesCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ChangesCursor>;
    return typeof value.latest === 'string' && typeof value.after === 'string' ? { latest: value.latest, after: value.after } : undefined;
  } catch {
    return undefined;
  }
}

export async function changesHandler(c: Context<ApiEnv>, deps: ApiDeps): Promise<Response> {
  const unknown = unknownParameter(c, ['since', 'limit', 'cursor']);
  if (unknown) return invalidParameter(c, unknown, 'is not a parameter of /changes (since, limit, cursor)');
  const repeated = repeatedParameter(c, ['since', 'limit', 'cursor']);
  if (repeated) return invalidParameter(c, repeated, 'given more than once');
  const sinceText = c.req.query('since');
  if (sinceText === undefined) return invalidParameter(c, 'since', 'is required: a release id or an ISO 8601 instant');
  const since = parseSince(sinceText);
  if (!since) return invalidParameter(c, 'since', `must be a release id or an ISO 8601 instant; got "${sinceText}"`);
  const limit = boundedInteger(c, 'limit', 1, CHANGES_LIMIT_MAX, CHANGES_LIMIT_DEFAULT);
  if (limit instanceof Response) return limit;
  const cursorText = c.req.query('cursor');
  const cursor = cursorText === undefined ? undefined : decode(cursorText);
  if (cursorText !== undefined && !cursor) return invalidParameter(c, 'cursor', 'is not a cursor this API issued');

  // The feed is read up to the release it began at, so its pages agree with each other.
  const found = await readableRelease(c, deps, cursor?.latest);
  if (found instanceof Response) return found;
  const { dataset, release: latest, access } = found;
  const window = await releasesSince(deps, dataset.id, since, latest.releaseId);
  if (!window.found) return invalidParameter(c, 'since', `dataset "${dataset.id}" has no release "${sinceText}"`);
  if (found.category === 'open' && window.releases.some((r) => r.category === 'restricted')) {
    // A release in the window was built restricted: its changes go out under a grant only (就高从严).
    const strict = authorizeRead(c, dataset, 'restricted', (deps.now ?? (() => new Date()))());
    if (!strict.ok) return strict.response;
  }

  const all = await collapseChanges(deps.open, window.releases);
  const start = cursor ? all.findIndex((e) => e.recordId > cursor.after) : 0;
  const page = start === -1 ? [] : all.slice(start, start + limit);
  const more = start !== -1 && start + limit < all.length;
  const wanted = page.filter((e) => e.change !== 'removed').map((e) => e.recordId);
  const rows = new Map<string, Readonly<Record<string, unknown>>>();
  if (wanted.length > 0) {
    const read = await deps.records.query({
      dataset,
      release: latest,
      limit: wanted.length,
      recordIds: wanted,
      ...(access.fields ? { fields: access.fields } : {}),
    });
    read.rows.forEach((row, i) => rows.set(read.recordIds![i]!, row));
    await auditRead(c, { datasetId: dataset.id, route: 'changes', fields: read.fields.map((f) => f.id), rows: read.rows.length });
  }
  const next = more
    ? `${deps.publicBaseUrl}/v1/datasets/${dataset.id}/changes?${new URLSearchParams({
        since: sinceText,
        limit: String(limit),
        cursor: encode({ latest: latest.releaseId, after: page.at(-1)!.recordId }),
      }).toString()}`
    : undefined;
  c.header('cache-control', access.grant ? CACHE_PRIVATE : CACHE_METADATA);
  return c.json({
    since: sinceText,
    latest: latest.releaseId,
    changes: page.map((entry) => {
      const record = rows.get(entry.recordId);
      return { ...entry, ...(record ? { record } : {}) };
    }),
    ...(next ? { next } : {}),
  });
}
