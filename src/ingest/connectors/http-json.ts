import type { SourceConfig } from '../../config/catalog.js';
import { systemClock, type Clock } from '../../ports/index.js';
import { ConfigError, resolveReferences } from '../../config/catalog.js';
import { resolveSecretReferences, secretProviders, type SecretProviders } from '../../config/secret-refs.js';
import { fetchWithRetry, requestSecrets, type HttpDeps, type RetryPolicy } from '../http/fetch-with-retry.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { SourceError } from '../source-error.js';
import { scrubSecrets } from '../../util/scrub-secrets.js';
import { pullSnapshotId, type PullContext, type SourceConnector, type SourcePage } from './connector.js';
import { linkNext } from './link-header.js';

export { SourceError } from '../source-error.js';

type HttpJsonSource = Extract<SourceConfig, { kind: 'http-json' }>;
type Pagination = HttpJsonSource['connection']['pagination'];

export interface HttpOptions {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly limiter?: RateLimiter;
  readonly random?: () => number;
  readonly clock?: Clock;
  /** The variables `${env:…}` references resolve against (the configuration's environment map). */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: `${env:…}` from `env`, SSM and Secrets Manager from AWS. */
  readonly secrets?: SecretProviders;
}

/**
 * Where a page/offset/link pull stands: `since` is the updated-since watermark of this run,
 * `next` the page, offset or URL to fetch next (null: the run finished), `max` the largest
 * incremental field seen so far in this run.
 */
interface PullState {
  readonly since: string | null;
  readonly next: number | string | null;
  readonly max: string | null;
}

const FRESH: PullState = { since: null, next: null, max: null };

function decodeState(source: HttpJsonSource, cursor: string | null): PullState {
  if (cursor === null) return FRESH;
  try {
    const parsed = JSON.parse(cursor) as PullState;
    if (typeof parsed === 'object' && parsed !== null && 'next' in parsed) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new SourceError(
    `source ${source.id}: checkpoint ${JSON.stringify(cursor)} is not a ${source.connection.pagination.kind} pagination state; run with --full to start over`,
  );
}

/** Parses a page body as the configuration promised; anything else names the source and URL. */
function parseDocument(source: HttpJsonSource, url: string, body: Uint8Array, secrets: readonly string[] = []): { document: unknown; items: unknown[] } {
  const { pagination } = source.connection;
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    // The parser quotes the start of the text, which may echo what the request sent.
    throw new SourceError(`source ${source.id}: ${url} did not return JSON: ${scrubSecrets((error as Error).message, secrets)}`);
  }
  if (pagination.itemsField === undefined) {
    if (!Array.isArray(document)) throw new SourceError(`source ${source.id}: ${url}: expected a JSON array of items, got ${typeof document}`);
    return { document, items: document };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SourceError(
      `source ${source.id}: ${url} returned ${Array.isArray(document) ? 'an array' : typeof document}, not an object with field "${pagination.itemsField}"`,
    );
  }
  const items = (document as Record<string, unknown>)[pagination.itemsField];
  if (!Array.isArray(items)) throw new SourceError(`source ${source.id}: ${url}: field "${pagination.itemsField}" is not an array`);
  return { document, items };
}

function field(document: unknown, name: string | undefined): unknown {
  return name !== undefined && typeof document === 'object' && document !== null ? (document as Record<string, unknown>)[name] : undefined;
}

function totalOf(source: HttpJsonSource, url: string, document: unknown): number | undefined {
  const name = source.connection.pagination.totalField;
  if (name === undefined) return undefined;
  const total = field(document, name);
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw new SourceError(`source ${source.id}: ${url}: field "${name}" is not a count`);
  return total;
}

/** The larger of two incremental values: numbers by value, text (ISO times) by order. */
function later(a: string | null, value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return a;
  const text = String(value);
  if (a === null) return text;
  if (typeof value === 'number' && Number.isFinite(Number(a))) return value > Number(a) ? text : a;
  return text > a ? text : a;
}

async function authHeaders(source: HttpJsonSource, secrets: SecretProviders): Promise<Record<string, string>> {
  const { auth } = source.connection;
  if (!auth) return {};
  if (auth.kind === 'bearer')
    return { authorization: `Bearer ${await resolveSecretReferences(auth.token, `source ${source.id} /connection/auth/token`, secrets)}` };
  return { [auth.header]: await resolveSecretReferences(auth.value, `source ${source.id} /connection/auth/value`, secrets) };
}

function baseUrl(source: HttpJsonSource, env: Readonly<Record<string, string>>): URL {
  const { connection } = source;
  const resolved = resolveReferences(connection.baseUrl, `source ${source.id} /connection/baseUrl`, env);
  if (!URL.canParse(connection.path, resolved)) {
    const unresolved = /\$\{(?:ssm|secret):/.test(resolved) ? ' (baseUrl resolves only ${env:…} references)' : '';
    throw new ConfigError(
      `source ${source.id} /connection/baseUrl: ${JSON.stringify(scrubSecrets(resolved))} with path ${JSON.stringify(connection.path)} is not a URL${unresolved}`,
    );
  }
  const url = new URL(connection.path, resolved);
  for (const [name, value] of Object.entries(connection.query ?? {})) url.searchParams.set(name, value);
  return url;
}

/** The URL of the page that `state` says comes next. */
function urlFor(source: HttpJsonSource, pagination: Exclude<Pagination, { kind: 'cursor' }>, state: PullState, env: Readonly<Record<string, string>>): URL {
  if (pagination.kind === 'link' && typeof state.next === 'string') return new URL(state.next);
  const url = baseUrl(source, env);
  const { incremental } = source.connection;
  if (incremental && state.since !== null) url.searchParams.set(incremental.param, state.since);
  if (pagination.kind === 'page') {
    url.searchParams.set(pagination.pageParam ?? 'page', String(state.next ?? pagination.firstPage ?? 1));
    url.searchParams.set(pagination.sizeParam ?? 'page_size', String(pagination.pageSize ?? 100));
  } else if (pagination.kind === 'offset') {
    url.searchParams.set(pagination.offsetParam ?? 'offset', String(state.next ?? 0));
    url.searchParams.set(pagination.limitParam ?? 'limit', String(pagination.pageSize ?? 100));
  } else {
    url.searchParams.set(pagination.limitParam ?? 'per_page', String(pagination.pageSize ?? 100));
  }
  return url;
}

/** HTTP/JSON APIs paginated by cursor token, page number, offset or Link header. */
/** One pulled page of a JSON API, as every pagination style yields it. */
function jsonPage(page: {
  readonly body: Uint8Array;
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
  readonly last: boolean;
  /** The page's URL with the request's credentials masked: it is stored beside the raw batch. */
  readonly origin: string;
  readonly expectedTotal: number | undefined;
  readonly snapshot: string | undefined;
}): SourcePage {
  const { body, items, nextCursor, last, origin, expectedTotal, snapshot } = page;
  return {
    body,
    contentType: 'application/json',
    items,
    nextCursor,
    last,
    origin,
    expectedTotal,
    snapshot,
    completesSnapshot: last && snapshot !== undefined,
  };
}

export function httpJsonConnector(options: HttpOptions = {}): SourceConnector<'http-json'> {
  const clock = options.clock ?? systemClock;
  const deps: HttpDeps = {
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))),
    // One limiter per connector: every sync through this composition shares its spacing.
    limiter: options.limiter ?? new RateLimiter(() => clock.now().getTime()),
    random: options.random ?? Math.random,
    clock,
  };
  const env = options.env ?? {};
  const secrets = options.secrets ?? secretProviders(env);

  async function policyOf(source: HttpJsonSource): Promise<RetryPolicy> {
    const { connection } = source;
    return {
      sourceId: source.id,
      maxAttempts: connection.maxAttempts ?? 5,
      timeoutMs: connection.timeoutMs ?? 15_000,
      requestsPerSecond: connection.requestsPerSecond,
      headers: await authHeaders(source, secrets),
    };
  }

  async function* cursorPages(
    source: HttpJsonSource,
    pagination: Extract<Pagination, { kind: 'cursor' }>,
    cursor: string | null,
    context: PullContext,
  ): AsyncGenerator<SourcePage> {
    const policy = await policyOf(source);
    let position = context.full ? null : cursor;
    const snapshot = position === null ? pullSnapshotId(context) : undefined;
    let expectedTotal: number | undefined;
    // Cursors already asked for: a department whose cursors go round in a circle would be read forever.
    const asked = new Set<string>();
    for (;;) {
      if (position) asked.add(position);
      const url = baseUrl(source, env);
      url.searchParams.set(pagination.limitParam ?? 'limit', String(pagination.pageSize ?? 100));
      if (position) url.searchParams.set(pagination.cursorParam ?? 'cursor', position);
      const { body } = await fetchWithRetry(url, policy, deps);
      const secretsSent = requestSecrets(url, policy);
      const shown = scrubSecrets(url.href, secretsSent);
      const { document, items } = parseDocument(source, shown, body, secretsSent);
      expectedTotal ??= totalOf(source, shown, document);
      const next = field(document, pagination.nextCursorField);
      if (next !== undefined && next !== null && typeof next !== 'string') {
        throw new SourceError(`source ${source.id}: ${shown}: field "${pagination.nextCursorField}" is not a string`);
      }
      const hasMoreRaw = field(document, pagination.hasMoreField);
      const hasMore = typeof hasMoreRaw === 'boolean' ? hasMoreRaw : items.length > 0 && Boolean(next);
      const last = !hasMore || !next || next === position;
      yield jsonPage({ body, items, nextCursor: next ?? null, last, origin: shown, expectedTotal, snapshot });
      if (last) return;
      // The page's rows are kept; reading on would go round the circle.
      if (asked.has(next)) {
        throw new SourceError(
          `source ${source.id}: ${shown}: the next cursor ${JSON.stringify(next.slice(0, 100))} was already read in this run; the cursors loop`,
        );
      }
      position = next;
    }
  }

  async function* numberedPages(
    source: HttpJsonSource,
    pagination: Exclude<Pagination, { kind: 'cursor' }>,
    cursor: string | null,
    context: PullContext,
  ): AsyncGenerator<SourcePage> {
    const policy = await policyOf(source);
    const incremental = source.connection.incremental;
    let state = context.full ? FRESH : decodeState(source, cursor);
    const snapshot = state.since === null && state.next === null ? pullSnapshotId(context) : undefined;
    const pageSize = pagination.pageSize ?? 100;
    let expectedTotal: number | undefined;
    let delivered = typeof state.next === 'number' && pagination.kind === 'offset' ? state.next : 0;
    // A department that ignores the page parameter answers the same full page forever; a Link header can point back.
    let previous: Uint8Array | undefined;
    const visited = new Set<string>();
    for (;;) {
      const url = urlFor(source, pagination, state, env);
      visited.add(url.href);
      const { body, headers } = await fetchWithRetry(url, policy, deps);
      const secretsSent = requestSecrets(url, policy);
      const shown = scrubSecrets(url.href, secretsSent);
      if (previous !== undefined && Buffer.from(body).equals(previous)) {
        throw new SourceError(`source ${source.id}: ${shown} answered the same page as the request before it; the source ignores the pagination parameters`);
      }
      previous = body;
      const { document, items } = parseDocument(source, shown, body, secretsSent);
      expectedTotal ??= totalOf(source, shown, document);
      delivered += items.length;
      let max = state.max;
      if (incremental) for (const item of items) max = later(max, field(item, incremental.field));
      let next: number | string | null;
      if (pagination.kind === 'link') {
        next = linkNext(headers.get('link'), url);
        if (next !== null && new URL(next).origin !== url.origin) {
          throw new SourceError(
            `source ${source.id}: ${shown}: Link rel="next" leads to another origin (${new URL(next).origin}); refusing to send credentials there`,
          );
        }
      } else {
        const full = items.length >= pageSize && (expectedTotal === undefined || delivered < expectedTotal);
        next = !full ? null : pagination.kind === 'page' ? Number(state.next ?? pagination.firstPage ?? 1) + 1 : Number(state.next ?? 0) + items.length;
      }
      const last = next === null;
      const after: PullState = last ? { since: max ?? state.since, next: null, max: null } : { since: state.since, next, max };
      yield jsonPage({ body, items, nextCursor: JSON.stringify(after), last, origin: shown, expectedTotal, snapshot });
      if (last) return;
      // The page's rows are kept; reading on would go round the circle.
      if (typeof next === 'string' && visited.has(next)) {
        throw new SourceError(`source ${source.id}: ${shown}: Link rel="next" leads back to ${scrubSecrets(next, secretsSent)}, already read in this run`);
      }
      state = after;
    }
  }

  return {
    kind: 'http-json',
    pages(source, cursor, context) {
      const { pagination } = source.connection;
      return pagination.kind === 'cursor' ? cursorPages(source, pagination, cursor, context) : numberedPages(source, pagination, cursor, context);
    },
    itemsOf: (source, rawBody) => parseDocument(source, `raw batch of ${source.id}`, rawBody).items,
  };
}
