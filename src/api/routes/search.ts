import type { Context, Hono } from 'hono';
import { isRecordTypeName, recordTypes } from '../../records/registry.js';
import { DISTRICTS } from '../../search/search-document.js';
import type { SearchHit, SearchQuery } from '../../search/index.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { invalidParameter } from '../problem.js';
import { problemResponses } from '../openapi/components.js';

const KNOWN = ['q', 'type', 'department', 'district', 'from', 'to', 'limit', 'offset'] as const;
const MAX_Q = 100;
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
/** Deep pages rank every match for nothing: past this, refine the query. */
const MAX_OFFSET = 10_000;

const isCivilDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

/** The query as the service takes it, or the 400 naming the parameter at fault. */
function parseQuery(c: Context<ApiEnv>): SearchQuery | Response {
  const all = c.req.queries();
  for (const [name, values] of Object.entries(all)) {
    if (!(KNOWN as readonly string[]).includes(name)) return invalidParameter(c, name, `unknown parameter; known: ${KNOWN.join(', ')}`);
    if (values.length > 1) return invalidParameter(c, name, 'given more than once');
  }
  const one = (name: (typeof KNOWN)[number]) => all[name]?.[0];
  const q = (one('q') ?? '').trim();
  if (q.length === 0 || q.length > MAX_Q) return invalidParameter(c, 'q', `required, 1 to ${MAX_Q} characters`);

  const type = one('type');
  if (type !== undefined && !isRecordTypeName(type)) return invalidParameter(c, 'type', `must be one of ${Object.keys(recordTypes).join(', ')}`);
  const district = one('district');
  if (district !== undefined && !(DISTRICTS as readonly string[]).includes(district))
    return invalidParameter(c, 'district', `must be one of ${DISTRICTS.join(', ')}`);
  const department = one('department')?.trim();
  if (department !== undefined && (department.length === 0 || department.length > MAX_Q))
    return invalidParameter(c, 'department', `1 to ${MAX_Q} characters of the department's name`);
  const from = one('from');
  const to = one('to');
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (value !== undefined && !isCivilDate(value)) return invalidParameter(c, name, 'must be a date YYYY-MM-DD');
  if (from !== undefined && to !== undefined && from > to) return invalidParameter(c, 'to', `must not be before from (${from})`);

  const integer = (name: 'limit' | 'offset', fallback: number, min: number, max: number): number | Response => {
    const raw = one(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isInteger(value) && value >= min && value <= max ? value : invalidParameter(c, name, `must be an integer from ${min} to ${max}`);
  };
  const limit = integer('limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
  if (limit instanceof Response) return limit;
  const offset = integer('offset', 0, 0, MAX_OFFSET);
  if (offset instanceof Response) return offset;
  return {
    q,
    limit,
    offset,
    ...(type !== undefined ? { type } : {}),
    ...(department !== undefined ? { department } : {}),
    ...(district !== undefined ? { district } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

/** A hit as the API answers it: absolute links, a record found by its identifying fields on the records route. */
function hitBody(hit: SearchHit, base: string) {
  const dataset = `${base}/v1/datasets/${encodeURIComponent(hit.datasetId)}`;
  const { key, ...rest } = hit;
  if (hit.kind === 'dataset') return { ...rest, url: dataset };
  const filters = new URLSearchParams(key && key.length > 0 ? key.map(([f, v]): [string, string] => [f, v]) : [['q', hit.title]]);
  return { ...rest, ...(key && key.length > 0 ? { recordId: key.map(([, v]) => v).join('/') } : {}), url: `${dataset}/records?${filters.toString()}` };
}

/** /v1/search, one search over every published dataset and record. */
export function registerSearchRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/v1/search', async (c) => {
    const query = parseQuery(c);
    if (query instanceof Response) return query;
    const answer = await deps.search.search(query);
    return c.json({ q: answer.q, total: answer.total, tokens: answer.tokens, hits: answer.hits.map((h) => hitBody(h, deps.publicBaseUrl)) });
  });
}

const searchHitSchema = {
  type: 'object',
  required: ['kind', 'datasetId', 'title', 'snippet', 'score', 'url'],
  properties: {
    kind: { type: 'string', enum: ['dataset', 'record'] },
    datasetId: { type: 'string' },
    recordId: { type: 'string', description: 'The record’s identifying values (the records route’s filters), joined by /.' },
    title: { type: 'string' },
    snippet: { type: 'string', description: 'HTML-escaped text with <mark>…</mark> around matches.' },
    score: { type: 'number' },
    recordType: { type: 'string' },
    department: { type: 'string' },
    district: { type: 'string' },
    date: { type: 'string', format: 'date' },
    url: { type: 'string', format: 'uri' },
  },
};

const searchAnswerSchema = {
  type: 'object',
  required: ['q', 'total', 'tokens', 'hits'],
  properties: {
    q: { type: 'string' },
    total: { type: 'integer', minimum: 0, description: 'Hits matching, over every page.' },
    tokens: { type: 'array', items: { type: 'string' }, description: 'The words searched for, as segmented.' },
    hits: { type: 'array', items: searchHitSchema },
  },
};
const stringParam = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

export const searchPaths: OpenApiPaths = {
  '/v1/search': {
    get: {
      operationId: 'search',
      summary: '智能检索：数据集与已发布记录的全文检索 / Search every published dataset and record',
      description:
        'Chinese word segmentation (jieba, with character bigrams for names), pinyin and initials (xzcf finds 行政处罚), a maintained synonym list (双公示 finds 行政处罚 and 行政许可). Every released dataset’s metadata and the records of open datasets’ latest releases; nothing unpublished, no restricted rows. Every query word must match; when nothing holds all of them, hits holding most of them are answered.',
      tags: ['search'],
      parameters: [
        stringParam('q', 'What to search for: Chinese, pinyin or initials.', { type: 'string', minLength: 1, maxLength: MAX_Q }, true),
        stringParam('type', 'Record type.', { type: 'string', enum: Object.keys(recordTypes) }),
        stringParam('department', 'Part of the issuing authority’s or publisher’s name.', { type: 'string', minLength: 1, maxLength: MAX_Q }),
        stringParam('district', '行政区划 (所属区县).', { type: 'string', enum: [...DISTRICTS] }),
        stringParam('from', 'Earliest date (decision, publication, listing), inclusive.', { type: 'string', format: 'date' }),
        stringParam('to', 'Latest date, inclusive.', { type: 'string', format: 'date' }),
        stringParam('limit', 'Hits per page.', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
        stringParam('offset', 'Hits to skip.', { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 }),
      ],
      responses: {
        '200': {
          description: 'Ranked hits, best first.',
          content: { 'application/json': { schema: searchAnswerSchema } },
        },
        ...problemResponses(400, 429),
      },
    },
  },
};
