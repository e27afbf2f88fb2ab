import type { Context } from 'hono';
import { invalidParameter } from '../problem.js';

/**
 * Query parameters as the API reads them: a parameter the route does not know is the caller's
 * mistake (a misspelt filter would otherwise be ignored and answer everything), and paging
 * parameters are checked the same way on every route.
 */

/** The 400 for the first query parameter not in `known`, or undefined when every one is known. */
export function unknownParameter(c: Context, known: readonly string[]): Response | undefined {
  const unknown = Object.keys(c.req.queries()).find((name) => !known.includes(name));
  if (unknown === undefined) return undefined;
  return invalidParameter(c, unknown, {
    zh: `此接口不认识该参数，可用：${known.join(', ')}`,
    en: `not a parameter of this route; known: ${known.join(', ')}`,
  });
}

export interface LimitBounds {
  readonly fallback: number;
  readonly max: number;
}

/** `limit` as an integer in 1..max (`fallback` when absent), or the 400 naming it. */
export function pageLimit(c: Context, bounds: LimitBounds): number | Response {
  const raw = c.req.query('limit');
  if (raw === undefined) return bounds.fallback;
  const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > bounds.max)
    return invalidParameter(c, 'limit', { zh: `须为 1 到 ${bounds.max} 的整数，收到“${raw}”`, en: `must be an integer from 1 to ${bounds.max}; got "${raw}"` });
  return limit;
}

/** An opaque cursor: the position a page ended at, base64url-encoded so callers pass it back unread. */
export function encodeCursor(position: string): string {
  return Buffer.from(JSON.stringify({ after: position }), 'utf8').toString('base64url');
}

/** The position in `cursor` (undefined when absent), or the 400 naming it when it is not one we issued. */
export function decodeCursor(c: Context): string | undefined | Response {
  const raw = c.req.query('cursor');
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    const after = typeof parsed === 'object' && parsed !== null ? (parsed as { after?: unknown }).after : undefined;
    if (typeof after === 'string' && after !== '') return after;
  } catch {
    // falls through to the refusal: not JSON, so not ours
  }
  return invalidParameter(c, 'cursor', {
    zh: '不是本接口给出的游标，请使用上一页的 next 链接',
    en: 'not a cursor this API issued; follow the previous page’s next link',
  });
}

/** The absolute URL of the next page: this route on the public base URL, the caller's parameters, the new cursor. */
export function nextPageUrl(c: Context, base: string, cursor: string): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(c.req.queries())) if (name !== 'cursor') for (const value of values) params.append(name, value);
  params.set('cursor', cursor);
  return `${base}${new URL(c.req.url).pathname}?${params.toString()}`;
}
