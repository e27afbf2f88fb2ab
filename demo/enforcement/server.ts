import type { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { DemoPenalty } from './generate.js';
import { KeysetStore, keysetOf, type KeyedRow, type Keyset } from './keyset-store.js';
import type { DemoLicense } from './licenses.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

export interface DemoEnforcementApiOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  records: readonly DemoPenalty[];
  /** 行政许可 decisions served at /api/v1/licenses (none when omitted). */
  licenses?: readonly DemoLicense[];
  /** Runs before every list request: the fault harness's hook (demo/shared/chaos-hook.ts), absent otherwise. */
  listMiddleware?: MiddlewareHandler;
}

export interface DemoEnforcementApi {
  readonly url: string;
  /** API requests served so far (health checks not counted). */
  readonly requests: number;
  /** Adds or edits a record; it gets a fresh update_time, so the next incremental pull sees it. */
  upsert(record: DemoPenalty): DemoPenalty;
  /** The stored records in (update_time, id) order. */
  snapshot(): DemoPenalty[];
  /** The stored licences in (update_time, id) order. */
  licenseSnapshot(): DemoLicense[];
  close(): Promise<void>;
}

/** Opaque to clients: base64url JSON of the last keyset served. */
export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify({ t: keyset.updateTime, id: keyset.id }), 'utf8').toString('base64url');
}

export function decodeCursor(token: string): Keyset | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { t, id } = parsed as Record<string, unknown>;
    if (typeof t !== 'string' || typeof id !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return undefined;
    return { updateTime: t, id };
  } catch {
    return undefined;
  }
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw)) return undefined;
  const limit = Number(raw);
  return limit >= 1 ? Math.min(limit, MAX_LIMIT) : undefined;
}

/** GET a keyset-paged list: ?limit (1–500, default 100) and ?cursor (the last page's next_cursor). */
function pagedList<T extends KeyedRow>(app: Hono, path: string, store: KeysetStore<T>): void {
  app.get(path, (c) => {
    const limit = parseLimit(c.req.query('limit'));
    if (limit === undefined) return c.json({ error: 'invalid_limit', message: `limit must be an integer from 1 to ${MAX_LIMIT}` }, 400);
    const cursor = c.req.query('cursor') || undefined;
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && after === undefined) return c.json({ error: 'invalid_cursor', message: 'cursor is not a token this API issued' }, 400);
    const { items, hasMore } = store.pageAfter(after, limit);
    const last = items[items.length - 1];
    // With nothing new the request's cursor is echoed, so a client can always store next_cursor.
    const nextCursor = last ? encodeCursor(keysetOf(last)) : (cursor ?? null);
    return c.json({ data: items, next_cursor: nextCursor, has_more: hasMore });
  });
}

function enforcementApp(
  penalties: KeysetStore<DemoPenalty>,
  licenses: KeysetStore<DemoLicense>,
  countRequest: () => void,
  listMiddleware: MiddlewareHandler | undefined,
): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', records: penalties.size, licenses: licenses.size }));
  app.use('/api/*', async (_c, next) => {
    countRequest();
    await next();
  });
  if (listMiddleware) app.use('/api/*', listMiddleware);
  pagedList(app, '/api/v1/penalties', penalties);
  pagedList(app, '/api/v1/licenses', licenses);
  return app;
}

/** Starts the demo law-enforcement platform's API (penalties and licences) on the loopback interface. */
export async function startDemoEnforcementApi({
  port = 0,
  host = '127.0.0.1',
  records,
  licenses = [],
  listMiddleware,
}: DemoEnforcementApiOptions): Promise<DemoEnforcementApi> {
  const store = new KeysetStore(records);
  const licenseStore = new KeysetStore(licenses);
  let requests = 0;
  const app = enforcementApp(
    store,
    licenseStore,
    () => {
      requests += 1;
    },
    listMiddleware,
  );
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  if (!(server instanceof Server)) throw new Error('demo enforcement API: expected an HTTP/1.1 server');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    get requests() {
      return requests;
    },
    upsert: (record) => store.upsert(record),
    snapshot: () => store.snapshot(),
    licenseSnapshot: () => licenseStore.snapshot(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
