import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { CACHE_METADATA, ifNoneMatchMatches } from '../http/conditional.js';

/** A catalog answer: its body, its media type and when what it lists last changed. */
export interface Representation {
  readonly body: string;
  readonly contentType: string;
  readonly lastModified?: Date;
}

/** A strong tag of the exact bytes: the representation is built deterministically from the same metadata. */
export const bodyEtag = (body: string): string => `"${createHash('sha256').update(body, 'utf8').digest('hex')}"`;

/**
 * Answers a representation that is not plain JSON (Turtle, JSON-LD) with its own ETag, and 304
 * when If-None-Match names it (RFC 9110 §13.1.2); the 304 carries the same validators.
 */
export function respondWithEtag(c: Context, representation: Representation): Response {
  const etag = bodyEtag(representation.body);
  const headers = new Headers({ ETag: etag, 'Cache-Control': CACHE_METADATA });
  if (representation.lastModified) headers.set('Last-Modified', representation.lastModified.toUTCString());
  if (ifNoneMatchMatches(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  headers.set('Content-Type', representation.contentType);
  return new Response(representation.body, { status: 200, headers });
}

/** Answers plain JSON: the HTTP middleware tags it and answers If-None-Match for every JSON body. */
export function respondJson(representation: Representation): Response {
  const headers = new Headers({ 'Content-Type': representation.contentType, 'Cache-Control': CACHE_METADATA });
  if (representation.lastModified) headers.set('Last-Modified', representation.lastModified.toUTCString());
  return new Response(representation.body, { status: 200, headers });
}
