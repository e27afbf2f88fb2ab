import type { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context } from 'hono';

/**
 * One list a demo department serves, paged the way its system pages: `page` (?page from 1,
 * ?page_size) or `offset` (?offset from 0, ?limit). With `updatedField`, ?updated_since keeps the
 * rows whose field is at or after it (ISO-like text compares in order), as an incremental API does.
 */
export interface JsonList {
  readonly path: string;
  readonly paging: 'page' | 'offset';
  readonly rows: readonly object[];
  readonly updatedField?: string;
}

export interface JsonListApi {
  readonly url: string;
  /** List requests served so far (health checks not counted). */
  readonly requests: number;
  close(): Promise<void>;
}

const MAX_SIZE = 500;

/** A positive integer query parameter (or its default), undefined when malformed. */
function intParam(c: Context, name: string, fallback: number, min: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min ? value : undefined;
}

function serveList(app: Hono, list: JsonList): void {
  app.get(list.path, (c) => {
    const size = intParam(c, list.paging === 'page' ? 'page_size' : 'limit', 50, 1);
    const position = list.paging === 'page' ? intParam(c, 'page', 1, 1) : intParam(c, 'offset', 0, 0);
    if (size === undefined || position === undefined) return c.json({ code: 400, message: 'page, page_size, offset and limit are non-negative integers' }, 400);
    const since = c.req.query('updated_since');
    const field = list.updatedField;
    const updated = (row: object): string => {
      const value = field === undefined ? undefined : (row as Record<string, unknown>)[field];
      return typeof value === 'string' ? value : '';
    };
    const rows = since && field ? list.rows.filter((row) => updated(row) >= since) : list.rows;
    const limit = Math.min(size, MAX_SIZE);
    const start = list.paging === 'page' ? (position - 1) * limit : position;
    return c.json({ code: 0, total: rows.length, data: rows.slice(start, start + limit) });
  });
}

/** Starts a demo department's JSON API on the loopback interface, serving its lists read-only. */
export async function startJsonListApi(options: { readonly host?: string; readonly port?: number; readonly lists: readonly JsonList[] }): Promise<JsonListApi> {
  const host = options.host ?? '127.0.0.1';
  let requests = 0;
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use('/api/*', async (_c, next) => {
    requests += 1;
    await next();
  });
  for (const list of options.lists) serveList(app, list);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  if (!(server instanceof Server)) throw new Error('demo JSON API: expected an HTTP/1.1 server');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
