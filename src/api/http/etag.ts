import { createHash } from 'node:crypto';

/**
 * A weak entity tag for a JSON answer, from its bytes. Weak because the same data may be
 * serialised differently by another version of the API (RFC 9110 §8.8.1): equal tags mean
 * equivalent answers, which is all a cache revalidating metadata needs.
 */
export function weakEtagOf(body: Uint8Array): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether a resource last modified at `lastModified` is unchanged since If-Modified-Since (whole seconds, RFC 9110 §13.1.3). */
export function notModifiedSince(ifModifiedSince: string | undefined, lastModified: string): boolean {
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  if (Number.isNaN(since) || Number.isNaN(modified)) return false;
  return Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

/** An instant as an HTTP date (IMF-fixdate), for Last-Modified. */
export const httpDate = (instant: string | Date): string => new Date(instant).toUTCString();
