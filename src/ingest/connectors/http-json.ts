import type { SourceConfig } from '../../config/catalog.js';
import { resolveReferences } from '../../config/catalog.js';
import type { SourceConnector, SourcePage } from './connector.js';

export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface HttpOptions {
  readonly fetch?: typeof fetch;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After is seconds or an HTTP date; capped so a hostile value cannot stall a sync. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : undefined;
}

/** Fetches one page of a cursor-paginated JSON API, with retries, backoff and jitter. */
export async function fetchCursorPage(source: SourceConfig, cursor: string | null, options: HttpOptions = {}): Promise<SourcePage> {
  const { connection } = source;
  const { pagination } = connection;
  const url = new URL(connection.path, resolveReferences(connection.baseUrl, `source ${source.id}`));
  url.searchParams.set(pagination.limitParam ?? 'limit', String(pagination.pageSize ?? 100));
  if (cursor) url.searchParams.set(pagination.cursorParam ?? 'cursor', cursor);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 5;

  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(connection.timeoutMs ?? 15_000) });
    } catch (error) {
      if (attempt >= maxAttempts) throw new SourceError(`source ${source.id}: ${url.href} failed after ${attempt} attempts: ${(error as Error).message}`);
      await sleep(backoffMs(attempt));
      continue;
    }
    if (RETRYABLE.has(response.status) && attempt < maxAttempts) {
      await response.body?.cancel();
      await sleep(retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt));
      continue;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) {
      throw new SourceError(`source ${source.id}: ${url.href} answered HTTP ${response.status}: ${new TextDecoder().decode(body.slice(0, 300))}`);
    }
    return parsePage(source, url.href, body);
  }
}

function backoffMs(attempt: number): number {
  const base = Math.min(200 * 2 ** (attempt - 1), 10_000);
  return base / 2 + Math.random() * (base / 2); // "equal jitter"
}

function pageItems(source: SourceConfig, url: string, body: Uint8Array): { page: Record<string, unknown>; items: unknown[] } {
  const { pagination } = source.connection;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new SourceError(`source ${source.id}: ${url} did not return JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null) throw new SourceError(`source ${source.id}: ${url} returned ${typeof json}, not an object`);
  const page = json as Record<string, unknown>;
  const items = page[pagination.itemsField];
  if (!Array.isArray(items)) throw new SourceError(`source ${source.id}: ${url}: field "${pagination.itemsField}" is not an array`);
  return { page, items };
}

function parsePage(source: SourceConfig, url: string, body: Uint8Array): SourcePage {
  const { pagination } = source.connection;
  const { page, items } = pageItems(source, url, body);
  const next = page[pagination.nextCursorField];
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw new SourceError(`source ${source.id}: ${url}: field "${pagination.nextCursorField}" is not a string`);
  }
  const hasMoreRaw = pagination.hasMoreField ? page[pagination.hasMoreField] : undefined;
  const hasMore = typeof hasMoreRaw === 'boolean' ? hasMoreRaw : items.length > 0 && Boolean(next);
  return { body, items, nextCursor: (next as string | null | undefined) ?? null, last: !hasMore, origin: url };
}

/** Cursor-paginated HTTP/JSON APIs: the cursor token the API hands out is the checkpoint. */
export function httpJsonConnector(options: HttpOptions = {}): SourceConnector {
  return {
    kind: 'http-json',
    async *pages(source, cursor, context) {
      let position = context.full ? null : cursor;
      for (;;) {
        const page = await fetchCursorPage(source, position, options);
        yield page;
        if (page.last || page.nextCursor === null || page.nextCursor === position) return;
        position = page.nextCursor;
      }
    },
    itemsOf: (source, rawBody) => pageItems(source, `raw batch of ${source.id}`, rawBody).items,
  };
}
