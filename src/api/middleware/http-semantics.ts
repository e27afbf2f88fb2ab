import type { Context, MiddlewareHandler } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA, CACHE_PRIVATE, ifNoneMatchMatches } from '../http/conditional.js';
import { notModifiedSince, weakEtagOf } from '../http/etag.js';
import type { RouteMethods } from '../http/route-methods.js';

/** What a browser portal on another origin may send. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'X-API-Key', 'Content-Type', 'If-None-Match', 'If-Modified-Since', 'Range'] as const;
/** What a browser portal on another origin may read of an answer. */
export const CORS_EXPOSE_HEADERS = [
  'ETag',
  'Last-Modified',
  'Content-Length',
  'Content-Range',
  'Accept-Ranges',
  'Retry-After',
  'Link',
  'X-Tongyuan-Release',
  'RateLimit-Limit',
  'RateLimit-Remaining',
] as const;
/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** The headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5). */
const NOT_MODIFIED_HEADERS = ['etag', 'cache-control', 'last-modified', 'vary', 'content-location', 'expires'] as const;

const isJson = (contentType: string | null): boolean => contentType !== null && /^application\/json\b/i.test(contentType);

function corsHeaders(headers: Headers): void {
  headers.set('access-control-allow-origin', '*');
  headers.set('access-control-expose-headers', CORS_EXPOSE_HEADERS.join(', '));
}

/**
 * HTTP semantics around every route, so each route only says what it serves:
 * CORS (any origin: the catalog and open data are public, and keys travel in headers, never
 * cookies) and OPTIONS preflight for every served path; `charset=utf-8` on JSON; Cache-Control
 * (a key holder's answers are private, whatever the route said); a weak ETag on JSON answers
 * that lack one, and 304 by If-None-Match (or If-Modified-Since where a route set
 * Last-Modified); HEAD answered like GET without a body. Streamed bodies (downloads) are never
 * read here: only JSON answers are buffered to tag them.
 */
export function httpSemantics(deps: ApiDeps, routeMethods: RouteMethods): MiddlewareHandler<ApiEnv> {
  void deps;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      const methods = routeMethods(new URL(c.req.url).pathname);
      if (methods.length > 0) return preflight(methods);
    }
    await next();
    const response = await withSemantics(c, c.res);
    c.res = undefined;
    c.res = response;
  };
}

function preflight(methods: readonly string[]): Response {
  const headers = new Headers({
    allow: methods.join(', '),
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', '),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
  });
  corsHeaders(headers);
  return new Response(null, { status: 204, headers });
}

async function withSemantics(c: Context<ApiEnv>, original: Response): Promise<Response> {
  const headers = new Headers(original.headers);
  corsHeaders(headers);
  const contentType = headers.get('content-type');
  if (isJson(contentType) && !/charset=/i.test(contentType ?? '')) headers.set('content-type', `${contentType}; charset=utf-8`);
  const method = c.req.method;
  const read = method === 'GET' || method === 'HEAD';
  if (!read) return new Response(original.body, { status: original.status, headers });

  // The answer depends on the key presented: a shared cache must keep them apart, and a key holder's are theirs alone.
  headers.append('vary', 'Authorization, X-API-Key');
  if (c.get('caller')?.kind === 'key') headers.set('cache-control', CACHE_PRIVATE);
  else if (original.ok && !headers.has('cache-control') && isJson(contentType)) headers.set('cache-control', CACHE_METADATA);

  let body: ReadableStream<Uint8Array> | Uint8Array | null = original.body;
  if (original.status === 200 && isJson(contentType) && body !== null) {
    const bytes = new Uint8Array(await original.arrayBuffer());
    body = bytes;
    headers.set('content-length', String(bytes.byteLength));
    if (!headers.has('etag')) headers.set('etag', weakEtagOf(bytes));
  }

  if (original.status === 200 && notModified(c, headers)) {
    await cancel(body);
    return new Response(null, { status: 304, headers: notModifiedHeaders(headers) });
  }
  if (method === 'HEAD') {
    // Hono answers HEAD with the GET route; the body it opened (a file stream, say) is let go unread.
    await cancel(body);
    body = null;
  }
  return new Response(body, { status: original.status, headers });
}

/** If-None-Match first; If-Modified-Since only when there is none (RFC 9110 §13.2.2). */
function notModified(c: Context<ApiEnv>, headers: Headers): boolean {
  const etag = headers.get('etag');
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) return etag !== null && ifNoneMatchMatches(ifNoneMatch, etag);
  const lastModified = headers.get('last-modified');
  return lastModified !== null && notModifiedSince(c.req.header('if-modified-since'), lastModified);
}

function notModifiedHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  corsHeaders(kept);
  return kept;
}

async function cancel(body: ReadableStream<Uint8Array> | Uint8Array | null): Promise<void> {
  if (body instanceof ReadableStream) await body.cancel().catch(() => undefined);
}
